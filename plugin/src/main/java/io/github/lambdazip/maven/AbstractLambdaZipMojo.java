package io.github.lambdazip.maven;

import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.EnvironmentProblemException;
import io.github.lambdazip.common.LambdaZipException;
import io.github.lambdazip.common.ProjectProblemException;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Skipping and error mapping, once for every goal: a problem in the project is a build failure
 * ({@link MojoFailureException}), a problem in the environment an execution error ({@link MojoExecutionException}),
 * both with the core's message and fix.
 */
abstract class AbstractLambdaZipMojo extends AbstractMojo {

    /**
     * Skips every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = Properties.SKIP, defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping lambda-zip:" + goal() + " (" + Properties.SKIP + "=true)");
            return;
        }
        if (skipGoal()) {
            getLog().info("Skipping lambda-zip:" + goal() + " (" + Properties.PREFIX + goal() + ".skip=true)");
            return;
        }
        try {
            run(new MavenBuildLog(getLog()));
        } catch (ProjectProblemException e) {
            throw new MojoFailureException(e.describe(), e);
        } catch (EnvironmentProblemException e) {
            throw new MojoExecutionException(e.describe(), e);
        } catch (LambdaZipException e) {
            throw new MojoExecutionException(e.describe(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("lambda-zip:" + goal() + " failed on a file operation: " + e
                    + System.lineSeparator() + "  How to fix: check the path, free disk space and permissions, and "
                    + "run again (nothing half-written was left in place)", e);
        }
    }

    /** The goal name, for messages and the per-goal skip property. */
    abstract String goal();

    abstract boolean skipGoal();

    abstract void run(BuildLog log) throws LambdaZipException, IOException;
}
