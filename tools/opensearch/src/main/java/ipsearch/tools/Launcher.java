package ipsearch.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one OpenSearch node in this JVM and keeps it running until the JVM is asked to stop.
 *
 * <p>Why a launcher at all: OpenSearch publishes its server and modules as Maven artifacts but
 * no distribution can be downloaded here, so a development cluster is assembled from those jars.
 * The node is the real engine (same code a distribution runs); only the things a distribution
 * adds around it are missing: the security manager, bootstrap checks (they guard production
 * hosts, not a loopback test node) and the modules not on this classpath.
 *
 * <p>Every argument is one {@code key=value} node setting ({@code path.home}, {@code node.name},
 * {@code http.port}, ...); the Python driver {@code tools/opensearch_cluster.py} decides them, so
 * this class holds no policy. SIGTERM (or Ctrl-C) closes the node cleanly through a shutdown hook,
 * and so does the exit of the process that started this JVM.
 */
public final class Launcher {

    /** The classpath modules every node loads, as a distribution would from its modules/ dir. */
    private static final List<Class<? extends Plugin>> MODULES =
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    /** Node exposes the constructor that takes classpath plugins only to subclasses. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment) {
            super(environment, MODULES, true);
        }
    }

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("launcher: expected key=value, got: " + arg);
                System.exit(2);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        if (!settings.hasValue("path.home")) {
            System.err.println("launcher: path.home=DIR is required");
            System.exit(2);
        }

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Collections.emptyMap(), Path.of(settings.get("path.home")).resolve("config"),
                () -> settings.get("node.name", "node"));
        // With a config/log4j2.properties (the driver writes one) the node logs like a
        // distribution does; without it, only the status logger speaks.
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(environment.settings().get("node.name", "node"));
        if (Files.exists(environment.configFile().resolve("log4j2.properties"))) {
            LogConfigurator.configure(environment);
        } else {
            LogConfigurator.configureWithoutConfig(environment.settings());
        }
        Node node = new EmbeddedNode(environment);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (node.awaitClose(20, TimeUnit.SECONDS)) {
                    System.out.println("launcher: node closed: " + settings.get("node.name"));
                } else {
                    System.err.println("launcher: node did not close within 20 s");
                }
                // log4j's own shutdown hook is disabled (see the driver's JVM flags) so that
                // the node's closing lines are still logged; stop it last, here.
                LogManager.shutdown();
            } catch (Exception e) {
                System.err.println("launcher: error while closing the node: " + e);
            } finally {
                stopped.countDown();
            }
        }, "launcher-shutdown"));

        // A node outlives nothing that started it: if the driver dies without stopping its
        // nodes (SIGKILL, a crashed test run), they stop too instead of holding heap and ports.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("launcher: parent process " + parent.pid() + " exited; stopping the node");
            System.exit(0);
        }));
        node.start();
        System.out.println("launcher: node started: " + settings.get("node.name"));
        System.out.flush();
        stopped.await();
    }
}
