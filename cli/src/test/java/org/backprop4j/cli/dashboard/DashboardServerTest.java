package org.backprop4j.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.common.Json;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.plot.WeightGridImage;
import org.backprop4j.cli.run.RunFolder;
import org.backprop4j.cli.train.TrainSettings;
import org.backprop4j.cli.train.TrainingRun;
import org.backprop4j.solver.checkpoint.CheckpointFile;
import org.backprop4j.solver.checkpoint.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's server and state: a short run on the bundled digits fed into a {@link RunState}, then read back
 * over HTTP from {@code /api/state} and held to what the run wrote itself — history.json's losses and accuracies,
 * diagnostics.json's update ratios and activation statistics, weights.png's picture — and the page and uPlot
 * served from the class path.
 */
class DashboardServerTest {

    @TempDir
    static Path dir;

    private static DashboardState board;
    private static Path folder;
    private DashboardServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void train() throws IOException {
        folder = dir.resolve("run");
        TrainSettings s = TrainSettings.builder().set("--num-train", "300").set("--hidden", "16")
                .set("--epochs", "3").set("--batch-size", "50").set("--diag-every", "4").out(folder).quiet(true)
                .dataDefaults().build();
        board = new DashboardState("train", "a test");
        RunState live = board.add(new RunState("train", Map.of("given", "yes")));
        TrainingRun.of(s, null, null).dashboard(live).run(new PrintWriter(Writer.nullWriter()),
                false);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }

    @Test
    void theStateEndpointHoldsTheRunAsHistoryJsonRecordsIt() throws Exception {
        server = DashboardServer.start(board, DashboardOptions.LOOPBACK, 0);
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        HttpResponse<byte[]> r = get("/api/state");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode state = Json.mapper().readTree(r.body());
        assertEquals("train", state.get("kind").asText());
        JsonNode run = state.get("runs").get(0);
        JsonNode history = CliRun.json(folder.resolve(RunFolder.HISTORY));

        assertEquals("finished", run.get("status").asText());
        assertEquals(18, run.get("num_iterations").asInt(), "300 rows / 50 a batch, 3 epochs");
        assertEquals(18, run.get("iteration").asInt());
        assertEquals(6, run.get("iterations_per_epoch").asInt());
        assertEquals(1, run.get("first_iteration").asInt());
        assertArrayEquals(doubles(history.get("loss_history")), doubles(run.get("loss")));
        double[] train = StreamSupport.stream(run.get("checks").spliterator(), false)
                .mapToDouble(c -> c.get("train_acc").asDouble()).toArray();
        double[] val = StreamSupport.stream(run.get("checks").spliterator(), false)
                .mapToDouble(c -> c.get("val_acc").asDouble()).toArray();
        assertArrayEquals(doubles(history.get("train_acc_history")), train);
        assertArrayEquals(doubles(history.get("val_acc_history")), val);
        assertEquals(12, run.get("checks").get(2).get("iteration").asInt(), "the check after epoch 2");
        assertTrue(run.get("eta_seconds").isNull(), "no ETA once the run has ended");
        assertEquals("yes", run.get("options").get("given").asText());
        assertEquals("two-layer", run.get("options").get("model").asText());
        JsonNode runJson = CliRun.json(folder.resolve(RunFolder.RUN));
        assertEquals(runJson.get("solver").get("update_rule").asText(), run.get("options").get("update_rule").asText());
        assertEquals(runJson.get("backend").asText(), run.get("options").get("backend").asText());

        JsonNode records = CliRun.json(folder.resolve("diagnostics.json")).get("records");
        JsonNode diag = run.get("diagnostics");
        assertEquals(records.size(), diag.size());
        for (int k = 0; k < records.size(); k++) {
            JsonNode want = records.get(k);
            JsonNode got = diag.get(k);
            assertEquals(want.get("iteration").asInt(), got.get("iteration").asInt());
            for (String w : new String[] {"W1", "W2"}) {
                assertEquals(want.get("params").get(w).get("update_ratio").asDouble(),
                        got.get("update_ratio").get(w).asDouble(), w + " at record " + k);
            }
            JsonNode wantLayer = want.get("layers").get(0);
            JsonNode gotLayer = got.get("layers").get(0);
            assertEquals(wantLayer.get("mean").asDouble(), gotLayer.get("mean").asDouble());
            assertEquals(wantLayer.get("std").asDouble(), gotLayer.get("std").asDouble());
            assertEquals(wantLayer.get("dead_fraction").asDouble(), gotLayer.get("inactive").asDouble());
        }
    }

    @Test
    void theWeightsAreServedAsWeightsPngDrawsThem() throws Exception {
        server = DashboardServer.start(board, DashboardOptions.LOOPBACK, 0);
        HttpResponse<byte[]> r = get("/api/weights/0.png");
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        BufferedImage served = ImageIO.read(new ByteArrayInputStream(r.body()));
        // drawn at the last check, from the parameters last.ckpt holds (the best ones are put back only after it)
        Tensor w1 = CheckpointFile.read(folder.resolve(RunFolder.LAST)).params().get("W1");
        BufferedImage want = WeightGridImage.render(w1.data(), w1.rows(), w1.cols(), 28, 28, 1);
        assertEquals(want.getWidth(), served.getWidth());
        assertEquals(want.getHeight(), served.getHeight());
        for (int y = 0; y < want.getHeight(); y += 3) {
            for (int x = 0; x < want.getWidth(); x += 3) {
                assertEquals(want.getRaster().getSample(x, y, 0), served.getRaster().getSample(x, y, 0),
                        "pixel " + x + "," + y);
            }
        }
        assertEquals(404, get("/api/weights/1.png").statusCode(), "no run 1");
    }

    @Test
    void thePageAndItsScriptsComeFromTheClassPath() throws Exception {
        server = DashboardServer.start(board, DashboardOptions.LOOPBACK, 0);
        String page = new String(get("/").body());
        assertTrue(page.contains("<script src=\"/uPlot.iife.min.js\"></script>"), page);
        assertTrue(page.contains("<script src=\"/dashboard.js\"></script>"), page);
        assertTrue(!page.contains("http://") && !page.contains("https://"), "nothing from the internet");
        HttpResponse<byte[]> uplot = get("/uPlot.iife.min.js");
        assertEquals(200, uplot.statusCode());
        assertTrue(new String(uplot.body()).contains("uPlot"), "uPlot's own script");
        assertEquals("text/css; charset=utf-8", get("/uPlot.min.css").headers().firstValue("Content-Type").orElse(""));
        assertTrue(new String(get("/dashboard.js").body()).contains("/api/state"));
        assertEquals(404, get("/nothing").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/state"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode(), "read-only");
    }

    @Test
    void aPortInUseIsRefusedInOneSentenceNamingTheOption() {
        server = DashboardServer.start(board, DashboardOptions.LOOPBACK, 0);
        UserError e = assertThrows(UserError.class,
                () -> DashboardServer.start(board, DashboardOptions.LOOPBACK, server.port()));
        assertTrue(e.getMessage().contains("--dashboard-port"), e.getMessage());
        UserError host = assertThrows(UserError.class, () -> DashboardServer.start(board, "no.such.host.invalid", 0));
        assertTrue(host.getMessage().startsWith("--dashboard-host no.such.host.invalid"), host.getMessage());
    }

    @Test
    void aClosedServerNoLongerAnswers() throws Exception {
        server = DashboardServer.start(board, DashboardOptions.LOOPBACK, 0);
        assertEquals(200, get("/api/state").statusCode());
        server.close();
        assertThrows(IOException.class, () -> get("/api/state"));
        server = null;
    }

    @Test
    void aRunThatHasNotBegunHasNoLossAndNoWeights() {
        RunState s = new RunState("trial-000", Map.of("lr", 0.1));
        Map<String, Object> json = s.json();
        assertEquals("waiting", json.get("status"));
        assertEquals(List.of(), json.get("loss"));
        assertNull(json.get("weights_version"));
        assertNull(s.weightsPng());
    }
}
