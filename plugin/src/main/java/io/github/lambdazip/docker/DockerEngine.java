package io.github.lambdazip.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.NameParser;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.github.lambdazip.common.BuildLog;
import io.github.lambdazip.common.LambdaZipException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Docker engine reached through docker-java, configured the standard way (DOCKER_HOST, DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH, else the default socket) with no pinned API version. Files cross into and out of containers as
 * tar streams, never bind mounts, so remote engines and Docker-in-Docker work too. Every container it creates is
 * labelled and removed when the run ends, fails, times out or the JVM is stopped.
 */
public final class DockerEngine implements AutoCloseable {

    /** The label on every container this plugin creates, so leftovers can be found. */
    public static final String LABEL = "io.github.lambdazip";
    /** Names the function or layer a container works for, beside {@link #LABEL}. */
    public static final String ARTIFACT_LABEL = LABEL + ".artifact";

    private final DockerClient client;
    private final String endpoint;

    private DockerEngine(DockerClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Connects and pings; no engine answering is a {@link DockerUnavailableException} naming the endpoint. */
    public static DockerEngine connect(BuildLog log) throws DockerUnavailableException {
        DefaultDockerClientConfig config;
        try {
            config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        } catch (RuntimeException e) {
            throw new DockerUnavailableException(System.getenv().getOrDefault("DOCKER_HOST", "(default)"), e);
        }
        String endpoint = String.valueOf(config.getDockerHost());
        log.info("Connecting to the Docker engine at " + endpoint);
        quietRetryLogging();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(15))
                .responseTimeout(Duration.ofHours(2))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
            log.debug("Docker engine at " + endpoint + " answered");
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new DockerUnavailableException(endpoint, e);
        }
        return new DockerEngine(client, endpoint);
    }

    /**
     * Makes the image available as the policy says and returns its ID, which identifies its exact contents.
     */
    /**
     * The HTTP client logs each retried request at INFO ("Recoverable I/O exception ... caught when processing
     * request"), which is noise in a Maven log: a failure that matters reaches the plugin as an exception. Maven's
     * logger reads a logger's level from this property when the logger is made, so it is set before the client
     * exists, unless the user set it.
     */
    private static void quietRetryLogging() {
        String property = "org.slf4j.simpleLogger.log.org.apache.hc.client5.http.impl.classic.HttpRequestRetryExec";
        if (System.getProperty(property) == null) {
            System.setProperty(property, "warn");
        }
    }

    public String ensureImage(String image, String platform, PullPolicy policy, BuildLog log)
            throws ImageUnavailableException {
        return ensureImage(image, platform, policy, false, log);
    }

    /** As {@link #ensureImage(String, String, PullPolicy, BuildLog)}; {@code offline} never pulls, whatever the policy. */
    public String ensureImage(String image, String platform, PullPolicy policy, boolean offline, BuildLog log)
            throws ImageUnavailableException {
        InspectImageResponse local = inspect(image);
        if (local == null && offline) {
            throw new ImageUnavailableException(
                    "The image " + image + " is not on the Docker engine at " + endpoint + ", and Maven runs offline "
                            + "(-o), so it is not pulled",
                    "run the build once without -o, or pull it first ('docker pull --platform " + platform + " "
                            + image + "')",
                    null, "image");
        }
        if (local == null && policy == PullPolicy.NEVER) {
            throw new ImageUnavailableException(
                    "The image " + image + " is not on the Docker engine at " + endpoint + " and <pullPolicy> is never",
                    "build or pull it first ('docker pull --platform " + platform + " " + image
                            + "'), or set <pullPolicy>ifNotPresent</pullPolicy>",
                    null, "pullPolicy");
        }
        if (local == null || (policy == PullPolicy.ALWAYS && !offline)) {
            pull(image, platform, log);
            local = inspect(image);
            if (local == null) {
                throw new ImageUnavailableException("The image " + image + " is still missing after a pull",
                        "check the image name in <image>", null, "image");
            }
        }
        return local.getId();
    }

    private InspectImageResponse inspect(String image) {
        try {
            return client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void pull(String image, String platform, BuildLog log) throws ImageUnavailableException {
        log.info("Pulling " + image + " (" + platform + ") ...");
        Set<String> reported = new HashSet<>();
        try {
            var command = image.contains("@")
                    ? client.pullImageCmd(image)
                    : client.pullImageCmd(NameParser.parseRepositoryTag(image).repos)
                            .withTag(tagOf(image));
            QuietCallbacks.Stream<PullResponseItem> progress = command.withPlatform(platform)
                    .exec(new QuietCallbacks.Stream<>() {
                @Override
                public void onNext(PullResponseItem item) {
                    if (item.getErrorDetail() != null) {
                        onError(new DockerClientException(item.getErrorDetail().getMessage()));
                        return;
                    }
                    String status = item.getStatus();
                    if (status != null && item.getId() != null && reported.add(item.getId() + status)
                            && (status.startsWith("Pull complete") || status.startsWith("Already exists"))) {
                        log.info("  " + item.getId() + ": " + status);
                    } else if (status != null) {
                        log.debug("  " + (item.getId() == null ? "" : item.getId() + ": ") + status);
                    }
                }
            });
            progress.awaitCompletion();
            if (progress.error() != null) {
                throw new DockerClientException(progress.error().getMessage(), progress.error());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageUnavailableException("Interrupted while pulling " + image, "run the build again", e);
        } catch (DockerException | DockerClientException e) {
            throw new ImageUnavailableException(
                    "Cannot pull the image " + image + " (" + platform + ") through the engine at " + endpoint + ": "
                            + e.getMessage(),
                    "check the name in <image>, log in with 'docker login' for a private registry, or make the "
                            + "image available locally and set <pullPolicy>never</pullPolicy>",
                    e, "image", "pullPolicy");
        }
    }

    private static String tagOf(String image) {
        String tag = NameParser.parseRepositoryTag(image).tag;
        return tag == null || tag.isEmpty() ? "latest" : tag;
    }

    /**
     * Runs one container to its end. The output folder is handed to {@code onSuccess} only when the command exited
     * with 0; the container is removed in every case. When the JVM is stopped (Ctrl-C) while it runs, a shutdown hook
     * removes it and the run ends with a {@link BuildInterruptedException} that says so, and nothing else.
     */
    public ContainerResult run(ContainerSpec spec, TarConsumer onSuccess) throws LambdaZipException, IOException {
        String id = null;
        Thread remover = null;
        AtomicReference<String> stopped = new AtomicReference<>();
        String doing = "creating a container of " + spec.image();
        try {
            HostConfig hostConfig = HostConfig.newHostConfig();
            if (spec.networkDisabled()) {
                hostConfig.withNetworkMode("none");
            }
            var create = client.createContainerCmd(spec.image());
            if (spec.entrypoint() != null) {
                create.withEntrypoint(spec.entrypoint());
            }
            id = create
                    .withPlatform(spec.platform())
                    .withCmd(spec.command())
                    .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                            .toList())
                    .withWorkingDir(spec.workingDirectory())
                    .withLabels(labelled(spec.labels()))
                    .withNetworkDisabled(spec.networkDisabled())
                    .withHostConfig(hostConfig)
                    .exec()
                    .getId();
            String containerId = id;
            remover = new Thread(() -> {
                stopped.set(removeOnShutdown(containerId));
                System.err.println("[lambda-zip] " + stopped.get());
            }, "lambdazip-container-cleanup");
            Runtime.getRuntime().addShutdownHook(remover);
            doing = "copying the inputs into container " + shortId(id);
            if (spec.inputTar() != null) {
                try (InputStream tar = Files.newInputStream(spec.inputTar())) {
                    client.copyArchiveToContainerCmd(id).withTarInputStream(tar).withRemotePath("/").exec();
                }
            }
            doing = "running container " + shortId(id);
            client.startContainerCmd(id).exec();
            LineSplitter lines = new LineSplitter(spec.outputLines(), 40);
            ResultCallback.Adapter<Frame> logs = client.logContainerCmd(id)
                    .withFollowStream(true).withStdOut(true).withStdErr(true)
                    .exec(new QuietCallbacks.Stream<>() {
                        @Override
                        public void onNext(Frame frame) {
                            lines.accept(frame.getPayload());
                        }
                    });
            int exitCode = awaitExit(id, spec);
            throwIfStopped(stopped);
            logs.awaitCompletion(30, TimeUnit.SECONDS);
            lines.flush();
            if (exitCode == 0 && spec.outputPath() != null) {
                doing = "copying the results out of container " + shortId(id);
                try (InputStream tar = client.copyArchiveFromContainerCmd(id, spec.outputPath()).exec()) {
                    onSuccess.accept(tar);
                }
            }
            return new ContainerResult(exitCode, lines.lastLines());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throwIfStopped(stopped);
            throw new BuildInterruptedException("interrupted while container " + shortId(id) + " ran");
        } catch (DockerException | DockerClientException | IllegalStateException e) {
            throwIfStopped(stopped);
            throw new DockerEngineFailedException(endpoint, doing, e);
        } finally {
            if (id != null && stopped.get() == null) {
                removeQuietly(id);
            }
            if (remover != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(remover);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to; it removes the container
                }
            }
        }
    }

    /**
     * Once the shutdown hook has removed the container, whatever the run saw since (a killed process, a closed
     * connection) is a consequence of the stop: only the stop is reported.
     */
    private static void throwIfStopped(AtomicReference<String> stopped) throws BuildInterruptedException {
        if (stopped.get() != null) {
            throw new BuildInterruptedException(stopped.get());
        }
    }

    private String removeOnShutdown(String id) {
        String left = removeQuietly(id);
        return left == null ? "interrupted; container " + shortId(id) + " removed"
                : "interrupted; " + left;
    }

    private static String shortId(String id) {
        return id == null ? "(not created)" : id.substring(0, Math.min(12, id.length()));
    }

    private int awaitExit(String id, ContainerSpec spec) throws ContainerTimeoutException {
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        try {
            return client.waitContainerCmd(id).exec(new QuietCallbacks.Wait()).exitCode(spec.timeout().toMillis());
        } catch (DockerClientException e) {
            if (System.nanoTime() >= deadline) {
                throw new ContainerTimeoutException("The container " + shortId(id), spec.timeout(),
                        spec.timeoutSetting());
            }
            throw e;
        }
    }

    private static Map<String, String> labelled(Map<String, String> labels) {
        var all = new java.util.TreeMap<>(labels);
        all.put(LABEL, "true");
        return all;
    }

    /**
     * Removes a container; null when it is gone (also when another path removed it first), else what to run to
     * remove it by hand.
     */
    private String removeQuietly(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            return null;
        } catch (NotFoundException alreadyGone) {
            return null;
        } catch (RuntimeException e) {
            if (!exists(id)) {
                return null; // the other path (shutdown hook or finally) was removing it at the same time
            }
            String left = "could not remove container " + shortId(id) + " (" + e.getMessage()
                    + "); remove it with 'docker rm -f " + id + "'";
            System.err.println("[lambda-zip] " + left);
            return left;
        }
    }

    private boolean exists(String id) {
        try {
            client.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        } catch (RuntimeException unknown) {
            return true;
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing was left open that a failed close could lose
        }
    }
}
