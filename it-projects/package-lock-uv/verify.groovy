// The shared checks of the locked greeter (plugin/src/it/locked-greeter-checks.groovy), for uv.lock.
lockFile = 'uv.lock'
lockKind = 'uv lock file'
return evaluate(new File(lockedGreeterChecks))
