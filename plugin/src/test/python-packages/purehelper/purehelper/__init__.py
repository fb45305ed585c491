"""A pure-Python package installed from a find-links folder in lambda-zip-maven-plugin's tests."""


def greet(name):
    return "hello, " + name
