package org.backprop4j.cli.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;

/**
 * The dashboard's web server, the JDK's {@link HttpServer}: the page ({@code /}, {@code /dashboard.js}), uPlot from
 * its WebJar ({@code /uPlot.iife.min.js}, {@code /uPlot.min.css}), all from the class path, so the page needs no
 * internet; the state as JSON ({@code /api/state}) and each run's first-layer weights
 * ({@code /api/weights/N.png}). Read-only: it answers GET (and HEAD) only, and has no authentication.
 */
public final class DashboardServer implements AutoCloseable {

    private static final String OWN = "/org/backprop4j/cli/dashboard/";
    private static final Map<String, String> PAGES = Map.of("/", "index.html", "/index.html", "index.html",
            "/dashboard.js", "dashboard.js");
    private static final Map<String, String> UPLOT = Map.of("/uPlot.iife.min.js", "dist/uPlot.iife.min.js",
            "/uPlot.min.css", "dist/uPlot.min.css");
    private static final Pattern WEIGHTS = Pattern.compile("/api/weights/(\\d+)\\.png");

    private final HttpServer server;
    private final ExecutorService executor;
    private final DashboardState state;
    private final String url;

    private DashboardServer(HttpServer server, ExecutorService executor, DashboardState state, String host) {
        this.server = server;
        this.executor = executor;
        this.state = state;
        InetAddress address = server.getAddress().getAddress();
        String shown = address instanceof Inet6Address ? "[" + host + "]" : host;
        this.url = "http://" + shown + ":" + server.getAddress().getPort() + "/";
    }

    /**
     * Serves {@code state} on {@code host:port} (port 0: a free port).
     *
     * @throws UserError naming {@code --dashboard-host} or {@code --dashboard-port} if it cannot bind
     */
    public static DashboardServer start(DashboardState state, String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UserError("--dashboard-host " + host + " is not a host name or address of this machine.");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (BindException e) {
            throw new UserError("the dashboard cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); give another --dashboard-port (0 = any free one) or --dashboard-host.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dashboard");
            t.setDaemon(true); // a request being answered never keeps the program alive
            return t;
        });
        server.setExecutor(executor);
        DashboardServer d = new DashboardServer(server, executor, state, host);
        server.createContext("/", d::handle);
        server.start();
        return d;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:43127/}. */
    public String url() {
        return url;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once (a request being answered is cut). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "read-only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher weights = WEIGHTS.matcher(path);
            if (path.equals("/api/state")) {
                send(exchange, 200, "application/json", json());
            } else if (weights.matches()) {
                int index = Integer.parseInt(weights.group(1));
                var runs = state.runs();
                byte[] png = index < runs.size() ? runs.get(index).weightsPng() : null;
                if (png == null) {
                    send(exchange, 404, "text/plain; charset=utf-8",
                            "no weights yet\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 200, "image/png", png);
                }
            } else if (PAGES.containsKey(path)) {
                String file = PAGES.get(path);
                send(exchange, 200,
                        file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8",
                        resource(OWN + file));
            } else if (UPLOT.containsKey(path)) {
                String file = UPLOT.get(path);
                send(exchange, 200, file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
                        resource("/META-INF/resources/webjars/uplot/" + uplotVersion() + "/" + file));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8",
                        ("no " + path + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            exchange.close();
        }
    }

    private byte[] json() {
        try {
            return Json.mapper().writeValueAsBytes(state.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the dashboard's state: " + e.getMessage(), e);
        }
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the program's jar lacks " + name + ".");
            }
            return in.readAllBytes();
        }
    }

    /** The version of the uPlot WebJar on the class path, from its pom.properties. */
    static String uplotVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = DashboardServer.class
                .getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar is not on the class path.");
            }
            p.load(in);
        }
        return p.getProperty("version");
    }
}
