from setuptools import setup

setup(name="purehelper", version="1.0", description="A pure-Python package for lambda-zip-maven-plugin's tests",
      packages=["purehelper"])
