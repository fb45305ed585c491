// The shared checks of the locked greeter (plugin/src/it/locked-greeter-checks.groovy), for a pylock.toml installed
// into a layer: exactly the locked versions under python/, for x86_64.
lockFile = 'pylock.toml'
lockKind = 'PEP 751 lock file'
artifactName = 'greeter-deps'
entryPrefix = 'python/'
evaluate(new File(lockedGreeterChecks))

def manifest = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/lambda-zip/manifest.json'))
assert manifest.artifacts.find { it.name == 'greeter' }.dependencies == [] : 'the function installs nothing itself'
assert manifest.artifacts.find { it.name == 'greeter' }.layers == ['greeter-deps']
return true
