// The shared checks of the locked greeter (plugin/src/it/locked-greeter-checks.groovy), for Pipfile.lock.
lockFile = 'Pipfile.lock'
lockKind = 'Pipenv lock file'
return evaluate(new File(lockedGreeterChecks))
