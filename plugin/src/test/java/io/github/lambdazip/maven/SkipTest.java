package io.github.lambdazip.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.lambdazip.common.BuildLog;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Both levels of skip: {@code lambdazip.skip} for every goal, {@code lambdazip.<goal>.skip} for one. None of these
 * Mojos has functions, layers or a file, so anything past the skip would fail.
 */
@MojoTest
class SkipTest {

    @Inject
    MavenSession session;

    @BeforeEach
    void setUp(TestInfo test) {
        UserProperty.Copy.into(session.getUserProperties(), test);
    }

    /** A package goal that counts its runs instead of packaging. */
    static final class CountingPackageMojo extends PackageMojo {
        int runs;

        CountingPackageMojo() {
            super(null, null);
        }

        @Override
        void run(BuildLog log) {
            runs++;
        }
    }

    private static PackageMojo mojo(RecordingLog log) {
        PackageMojo mojo = new PackageMojo(null, null);
        mojo.setLog(log);
        return mojo;
    }

    @Test
    void skip_skipsEveryGoalWithOneLine() throws Exception {
        RecordingLog log = new RecordingLog();
        PackageMojo mojo = mojo(log);
        mojo.skip = true;
        mojo.execute(); // no project: anything past the skip would throw
        assertEquals(List.of("Skipping lambda-zip:package (lambdazip.skip=true)"), log.info);
    }

    @Test
    void packageSkip_skipsThisGoalWithOneLine() throws Exception {
        RecordingLog log = new RecordingLog();
        PackageMojo mojo = mojo(log);
        mojo.packageSkip = true;
        mojo.execute();
        assertEquals(List.of("Skipping lambda-zip:package (lambdazip.package.skip=true)"), log.info);
    }

    @Test
    void skip_runsNothing() throws Exception {
        CountingPackageMojo skipped = new CountingPackageMojo();
        skipped.setLog(new RecordingLog());
        skipped.skip = true;
        skipped.execute();
        CountingPackageMojo goalSkipped = new CountingPackageMojo();
        goalSkipped.setLog(new RecordingLog());
        goalSkipped.packageSkip = true;
        goalSkipped.execute();
        CountingPackageMojo notSkipped = new CountingPackageMojo();
        notSkipped.setLog(new RecordingLog());
        notSkipped.execute();

        assertEquals(0, skipped.runs);
        assertEquals(0, goalSkipped.runs);
        assertEquals(1, notSkipped.runs);
    }

    @Test
    @InjectMojo(goal = "package")
    @UserProperty(name = "lambdazip.skip", value = "true")
    void skipProperty_skipsPackage(PackageMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("Skipping lambda-zip:package (lambdazip.skip=true)"), log.info);
    }

    @Test
    @InjectMojo(goal = "verify")
    @UserProperty(name = "lambdazip.skip", value = "true")
    void skipProperty_skipsVerify(VerifyMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("Skipping lambda-zip:verify (lambdazip.skip=true)"), log.info);
    }

    @Test
    @InjectMojo(goal = "package")
    @UserProperty(name = "lambdazip.package.skip", value = "true")
    void packageSkipProperty_skipsPackage(PackageMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("Skipping lambda-zip:package (lambdazip.package.skip=true)"), log.info);
    }

    @Test
    @InjectMojo(goal = "verify")
    @UserProperty(name = "lambdazip.verify.skip", value = "true")
    void verifySkipProperty_skipsVerify(VerifyMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("Skipping lambda-zip:verify (lambdazip.verify.skip=true)"), log.info);
    }

    @Test
    @InjectMojo(goal = "verify")
    @UserProperty(name = "lambdazip.package.skip", value = "true")
    void packageSkipProperty_leavesVerifyRunning(VerifyMojo mojo) {
        mojo.setLog(new RecordingLog());
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("Invalid <file>: there is nothing to verify", e.getMessage().lines().findFirst().orElseThrow());
    }

    @Test
    @InjectMojo(goal = "package")
    @UserProperty(name = "lambdazip.verify.skip", value = "true")
    void verifySkipProperty_leavesPackageRunning(PackageMojo mojo) {
        mojo.setLog(new RecordingLog());
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("Invalid <functions>: no <function> or <layer> is configured",
                e.getMessage().lines().findFirst().orElseThrow());
    }
}
