package org.backprop4j.cli.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.backprop4j.cli.CliRun;
import org.backprop4j.cli.run.RunFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: {@code train --dashboard} (and {@code tune --dashboard}) run in-process on the
 * bundled digits, Debian's headless Chromium opens the printed address through its chromedriver (given by path,
 * so nothing is downloaded), waits until the loss chart holds two epochs, and holds what the page shows — the
 * charts' data read from uPlot, the accuracy text, the trials' rows — to history.json and results.json. A
 * screenshot of each page is saved under {@code target/dashboard/}. Skipped with a message where Chromium or
 * chromedriver is missing.
 */
class DashboardBrowserTest {

    /** Debian's; {@code -Dbackprop4j.test.chromium=PATH} and {@code -Dbackprop4j.test.chromedriver=PATH} name others. */
    private static final Path CHROMIUM = Path.of(System.getProperty("backprop4j.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(
            System.getProperty("backprop4j.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Pattern URL = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path dir;

    private ChromeDriverService service;
    private WebDriver browser;
    private Thread program;

    @BeforeEach
    void chromium() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the dashboard's browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                        + CHROMEDRIVER + "): apt-get install chromium chromium-driver");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1100", "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (program != null) {
                program.interrupt(); // --dashboard-keep serves until interrupted, then stops its server
                program.join(Duration.ofSeconds(60).toMillis());
                assertTrue(!program.isAlive(), "the program ended after the test");
            }
        }
    }

    /** Runs {@code args} in-process on a thread of its own; returns the dashboard's address it printed. */
    private String start(String... args) throws InterruptedException {
        StringWriter out = new StringWriter();
        AtomicReference<CliRun.Result> result = new AtomicReference<>();
        program = new Thread(() -> result.set(CliRun.run(out, args)), "backprop4j");
        program.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            assertTrue(program.isAlive() || result.get() == null, "the program ended without a dashboard: "
                    + (result.get() == null ? out : result.get().both()));
            Thread.sleep(20);
        }
        throw new AssertionError("no dashboard address within 60 s; printed: " + out);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(100));
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }

    private static Path screenshot(WebDriver browser, String name) throws IOException {
        Path target = Files.createDirectories(Path.of("target", "dashboard"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path png = target.resolve(name);
        Files.copy(shot.toPath(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return png;
    }

    @Test
    void theTrainPageShowsTheRunAsItTrainsAndAsHistoryJsonRecordsIt() throws Exception {
        Path out = dir.resolve("run");
        String url = start("train", "--dashboard", "--dashboard-keep", "--num-train", "500", "--hidden", "32",
                "--epochs", "4", "--batch-size", "50", "--diag-every", "5", "--out", out.toString());
        browser.get(url);
        // the loss chart with the points of at least two epochs (10 iterations each)
        waiting().until(b -> {
            Object n = js("const d = window.dashboard; return d && d.charts.loss && d.state "
                    + "&& d.state.runs[0].iterations_per_epoch > 0 ? "
                    + "d.charts.loss.data[0].length / d.state.runs[0].iterations_per_epoch : 0;");
            return ((Number) n).doubleValue() >= 2;
        });
        waiting().until(b -> b.findElement(By.id("status")).getText().equals("finished"));
        assertTrue(Files.exists(out.resolve(RunFolder.HISTORY)) && Files.exists(out.resolve("diagnostics.json")),
                "the run folder is complete before the status says finished");
        JsonNode history = CliRun.json(out.resolve(RunFolder.HISTORY));
        // one more poll after "finished", so every chart holds the final state
        long polls = ((Number) js("return window.dashboard.polls;")).longValue();
        waiting().until(b -> ((Number) js("return window.dashboard.polls;")).longValue() > polls);

        double[] loss = doubles(js("return window.dashboard.charts.loss.data[1];"));
        assertArrayEquals(doubles(history.get("loss_history")), loss, "the loss chart's points");
        assertEquals(40, doubles(js("return window.dashboard.charts.loss.data[0];")).length);
        double[] val = doubles(js("return window.dashboard.charts.accuracy.data[2];"));
        assertArrayEquals(doubles(history.get("val_acc_history")), val, "the val accuracy chart's points");
        double[] train = doubles(js("return window.dashboard.charts.accuracy.data[1];"));
        assertArrayEquals(doubles(history.get("train_acc_history")), train, "the train accuracy chart's points");
        double lastVal = val[val.length - 1];
        assertEquals(String.format(Locale.ROOT, "%.4f", lastVal),
                browser.findElement(By.id("latest-val-acc")).getText());
        assertEquals("40", browser.findElement(By.id("iteration")).getText());
        assertEquals("4", browser.findElement(By.id("epoch")).getText());

        // the update ratios of W1 and W2 with the 1e-3 guide, the dead ReLUs of the hidden layer, the weights
        JsonNode records = CliRun.json(out.resolve("diagnostics.json")).get("records");
        double[] w1Ratio = StreamSupport.stream(records.spliterator(), false)
                .mapToDouble(r -> r.get("params").get("W1").get("update_ratio").asDouble()).toArray();
        assertArrayEquals(w1Ratio, doubles(js("return window.dashboard.charts.ratios.data[1];")));
        assertEquals(List.of("iteration", "W1", "W2", "1e-3 guide"),
                js("return window.dashboard.charts.ratios.series.map(s => s.label);"));
        double[] dead = StreamSupport.stream(records.spliterator(), false)
                .mapToDouble(r -> r.get("layers").get(0).get("dead_fraction").asDouble()).toArray();
        assertArrayEquals(dead, doubles(js("return window.dashboard.charts.inactive.data[1];")));
        waiting().until(b -> ((Number) js("return document.getElementById('weights').naturalWidth;")).intValue() > 0);
        WebElement options = browser.findElement(By.id("options"));
        assertTrue(options.getText().contains("two-layer"), options.getText());
        Path png = screenshot(browser, "train.png");
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page: " + png.toAbsolutePath());
        System.out.println("dashboard screenshot: " + png.toAbsolutePath());
    }

    @Test
    void theTunePageHasOneRowPerTrialWithItsCurveAndStatus() throws Exception {
        Path out = dir.resolve("search");
        String url = start("tune", "--dashboard", "--dashboard-keep", "--num-train", "300", "--lr", "1e-3,1e3",
                "--reg", "0", "--hidden", "16", "--epochs", "2", "--batch-size", "50", "--jobs", "1", "--out",
                out.toString());
        browser.get(url);
        waiting().until(b -> b.findElements(By.cssSelector("#trials tbody tr")).size() == 2
                && b.findElement(By.cssSelector("#trial-1 .status")).getText().startsWith("diverged")
                && b.findElement(By.cssSelector("#trial-0 .status")).getText().equals("ok"));
        waiting().until(b -> Files.exists(out.resolve("results.json")));
        JsonNode results = CliRun.json(out.resolve("results.json")).get("trials");
        JsonNode ok = StreamSupport.stream(results.spliterator(), false).filter(t -> t.get("trial").asInt() == 0)
                .findFirst().orElseThrow();
        assertEquals("ok", ok.get("status").asText());
        assertEquals(String.format(Locale.ROOT, "%.4f", ok.get("best_val_acc").asDouble()),
                browser.findElement(By.cssSelector("#trial-0 .val")).getText());
        JsonNode history = CliRun.json(out.resolve("trial-000").resolve(RunFolder.HISTORY));
        assertArrayEquals(doubles(history.get("loss_history")),
                doubles(js("return window.dashboard.charts['trial-0'].data[1];")), "trial 0's curve");
        assertTrue(browser.findElement(By.cssSelector("#trial-1 .status")).getAttribute("class")
                .contains("status-diverged"));
        assertEquals("1.000e+3", browser.findElement(By.cssSelector("#trial-1 td:nth-child(2)")).getText());
        Path png = screenshot(browser, "tune.png");
        System.out.println("dashboard screenshot: " + png.toAbsolutePath());
    }
}
