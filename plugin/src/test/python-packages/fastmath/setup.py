from setuptools import Extension, setup

setup(
    name="fastmath",
    version="1.0",
    description="A tiny C extension used by lambda-zip-maven-plugin's tests to prove native builds",
    ext_modules=[Extension("fastmath", ["fastmath.c"])],
)
