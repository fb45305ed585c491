package io.github.lambdazip.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs every content check on one function or layer: the handler and its imports (functions only), native code,
 * the runtime's own packages shipped again, installed distributions' requirements, {@code .pyc} files the runtime
 * will not use or that no longer match their source, and the size limits. The
 * {@code package} goal runs it on staged files before writing; the {@code verify} goal on finished zips, after
 * {@link ZipIntegrityCheck}.
 */
public final class PackageVerifier {

    private final VerificationTarget target;
    private final VerifySettings settings;

    public PackageVerifier(VerificationTarget target, Set<String> providedModules) {
        this(target, VerifySettings.of(providedModules));
    }

    public PackageVerifier(VerificationTarget target, VerifySettings settings) {
        this.target = target;
        this.settings = settings;
    }

    /**
     * @param handler null for a layer
     * @param uncompressedSize the package's unzipped size
     * @param layersSize the unzipped size of the layers it is deployed with
     */
    public List<Finding> check(String handler, PackageContents contents, List<PackageContents> layers,
            long uncompressedSize, long layersSize) throws IOException {
        List<Finding> findings = new ArrayList<>();
        if (handler != null) {
            List<Finding> handlerFindings = new HandlerCheck(settings.failOnWarning()).check(handler, contents, layers);
            findings.addAll(handlerFindings);
            if (handlerFindings.stream().noneMatch(f -> f.isError())) {
                findings.addAll(new ImportCheck(target, settings).check(handler, contents, layers));
            }
        }
        findings.addAll(new NativeCheck(target).check(contents, layers, handler == null));
        findings.addAll(new RuntimeProvidedCheck(target).check(contents, handler == null,
                handler == null ? List.of() : layers));
        // complete only for a function with every layer it runs with; providedModules names layers not given
        boolean complete = handler != null && settings.providedModules().isEmpty();
        findings.addAll(new DependencyCheck(target).check(contents, handler == null,
                handler == null ? List.of() : layers, complete));
        findings.addAll(new BytecodeCheck(target.runtime()).check(contents));
        findings.addAll(new SizeCheck().checkUnzipped(uncompressedSize + layersSize));
        return findings;
    }
}
