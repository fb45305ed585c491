// The shared checks of the locked greeter (plugin/src/it/locked-greeter-checks.groovy), for poetry.lock.
lockFile = 'poetry.lock'
lockKind = 'Poetry lock file'
return evaluate(new File(lockedGreeterChecks))
