package io.github.lambdazip.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lambdazip.bytecode.SourceSyntaxException;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.EnvironmentProblemException;
import io.github.lambdazip.common.InvalidConfigurationException;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.ProjectProblemException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * {@code execute()} maps each kind of core exception once: the project's problem fails the build, the environment's
 * is an execution error, both with the core's message, its fix and the {@code -D} property of each setting it names,
 * and the cause attached.
 */
class ErrorMappingTest {

    private static final String NL = System.lineSeparator();

    /** A package goal whose work is to throw what it is given. */
    static final class FailingPackageMojo extends PackageMojo {
        private final Exception failure;

        FailingPackageMojo(Exception failure) {
            super(null, null);
            this.failure = failure;
            setLog(new RecordingLog());
        }

        @Override
        void run(BuildLog log) throws LambdaZipException, IOException {
            throwIt(failure);
        }
    }

    /** The same for the verify goal. */
    static final class FailingVerifyMojo extends VerifyMojo {
        private final Exception failure;

        FailingVerifyMojo(Exception failure) {
            this.failure = failure;
            setLog(new RecordingLog());
        }

        @Override
        void run(BuildLog log) throws LambdaZipException, IOException {
            throwIt(failure);
        }
    }

    private static void throwIt(Exception failure) throws LambdaZipException, IOException {
        if (failure instanceof LambdaZipException e) {
            throw e;
        }
        throw (IOException) failure;
    }

    @Test
    void projectProblem_failsTheBuildWithFixAndProperty() {
        InvalidConfigurationException problem = new InvalidConfigurationException("handler",
                "'notifier' of <function> 'notifier' is not of the form module.function",
                "write the module path with dots and end with the function name");

        MojoFailureException e = assertThrows(MojoFailureException.class, new FailingPackageMojo(problem)::execute);

        assertEquals("Invalid <handler>: 'notifier' of <function> 'notifier' is not of the form module.function" + NL
                + "  How to fix: write the module path with dots and end with the function name" + NL
                + "  On the command line: <handler> is -Dlambdazip.handler=…", e.getMessage());
        assertSame(problem, e.getCause());
    }

    @Test
    void projectProblem_namingNoSetting_hasNoCommandLineLine() {
        ProjectProblemException problem = new ProjectProblemException(
                "handler module 'notifier' is not at the zip root", "package the folder's contents");

        MojoFailureException e = assertThrows(MojoFailureException.class, new FailingPackageMojo(problem)::execute);

        assertEquals("handler module 'notifier' is not at the zip root" + NL
                + "  How to fix: package the folder's contents", e.getMessage());
        assertSame(problem, e.getCause());
    }

    @Test
    void syntaxErrorInTheProjectsCode_failsTheBuildNamingFileLineAndProperties() {
        SourceSyntaxException problem = new SourceSyntaxException("orders", "Python 3.11",
                List.of(new SourceSyntaxException.Problem("src/orders/parse.py", 2, "'(' was never closed")));

        MojoFailureException e = assertThrows(MojoFailureException.class, new FailingPackageMojo(problem)::execute);

        assertEquals("'orders' has code that Python 3.11 cannot compile, so importing it on Lambda would fail: "
                + "src/orders/parse.py:2: '(' was never closed" + NL
                + "  How to fix: fix the syntax error: the code must be valid Python 3.11, the runtime's version "
                + "(check <runtime> if it is meant for another)" + NL
                + "  On the command line: <compileBytecode> is -Dlambdazip.compileBytecode=…, "
                + "<runtime> is -Dlambdazip.runtime=…", e.getMessage());
        assertSame(problem, e.getCause());
    }

    @Test
    void environmentProblem_isAnExecutionErrorWithInstallTimeoutProperty() {
        InterruptedException timeout = new InterruptedException("container still running");
        EnvironmentProblemException problem = new EnvironmentProblemException(
                "pip install for <function> 'notifier' took longer than 1200 s",
                "raise <installTimeout> or pin fewer packages", timeout, "installTimeout");

        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                new FailingPackageMojo(problem)::execute);

        assertEquals("pip install for <function> 'notifier' took longer than 1200 s" + NL
                + "  How to fix: raise <installTimeout> or pin fewer packages" + NL
                + "  On the command line: <installTimeout> is -Dlambdazip.installTimeout=…", e.getMessage());
        assertSame(problem, e.getCause());
        assertSame(timeout, e.getCause().getCause());
    }

    /** Only settings that have a property get a line; {@code pipArgs} is a list and has none. */
    @Test
    void environmentProblem_namingSeveralSettings_listsThoseWithAProperty() {
        EnvironmentProblemException problem = new EnvironmentProblemException("the image could not be pulled",
                "check <image> and <pullPolicy>", null, "image", "pipArgs", "pullPolicy");

        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                new FailingPackageMojo(problem)::execute);

        assertEquals("the image could not be pulled" + NL
                + "  How to fix: check <image> and <pullPolicy>" + NL
                + "  On the command line: <image> is -Dlambdazip.image=…, <pullPolicy> is -Dlambdazip.pullPolicy=…",
                e.getMessage());
    }

    @Test
    void ioException_isAnExecutionErrorOnAFileOperation() {
        NoSuchFileException missing = new NoSuchFileException("/project/target/lambda-zip/notifier.zip");

        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                new FailingPackageMojo(missing)::execute);

        assertEquals("lambda-zip:package failed on a file operation: java.nio.file.NoSuchFileException: "
                + "/project/target/lambda-zip/notifier.zip" + NL
                + "  How to fix: check the path, free disk space and permissions, and run again (nothing half-written "
                + "was left in place)", e.getMessage());
        assertSame(missing, e.getCause());
    }

    @Test
    void ioException_inVerify_namesTheVerifyGoal() {
        IOException unreadable = new IOException("Permission denied");

        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                new FailingVerifyMojo(unreadable)::execute);

        assertEquals("lambda-zip:verify failed on a file operation: java.io.IOException: Permission denied",
                e.getMessage().lines().findFirst().orElseThrow());
        assertSame(unreadable, e.getCause());
    }

    @Test
    void projectProblem_inVerify_failsTheBuild() {
        InvalidConfigurationException problem = new InvalidConfigurationException("file", "there is nothing to verify",
                "name a zip with <file>", "handler");

        MojoFailureException e = assertThrows(MojoFailureException.class, new FailingVerifyMojo(problem)::execute);

        assertEquals("Invalid <file>: there is nothing to verify" + NL + "  How to fix: name a zip with <file>" + NL
                + "  On the command line: <file> is -Dlambdazip.file=…, <handler> is -Dlambdazip.handler=…",
                e.getMessage());
        assertSame(problem, e.getCause());
    }

    @Test
    void environmentProblem_inVerify_isAnExecutionError() {
        EnvironmentProblemException problem = new EnvironmentProblemException("Docker is not reachable",
                "start Docker or set DOCKER_HOST, or leave <importCheck> off", null, "importCheck");

        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                new FailingVerifyMojo(problem)::execute);

        assertEquals("Docker is not reachable" + NL
                + "  How to fix: start Docker or set DOCKER_HOST, or leave <importCheck> off" + NL
                + "  On the command line: <importCheck> is -Dlambdazip.importCheck=…", e.getMessage());
        assertSame(problem, e.getCause());
    }
}
