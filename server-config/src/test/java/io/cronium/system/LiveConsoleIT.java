package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console follows runs live over its WebSocket: the output tails, Cancel stops, queue and dashboard update. */
@Order(11)
class LiveConsoleIT {

    static ChromeDriver browser;
    static WebDriverWait wait;
    static String base;
    static Api api;

    @BeforeAll
    static void open() throws Exception {
        base = RunningCronium.get().baseUrl();
        api = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Browser.logIn(browser, base, "admin", RunningCronium.ADMIN_PASSWORD);
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            Files.write(Path.of("target", "live-console-last.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.quit();
        }
    }

    @Test
    void theRunPageTailsTheOutputLiveAndCancelStopsTheRun() {
        long event = api.createEvent(SkeletonPathIT.bashEvent("tail me",
                "echo begin; for i in $(seq 1 100); do echo \"tick $i\"; echo \"warn $i\" >&2; sleep 0.2; done"));
        long logId = api.post("/api/v1/events/" + event + "/run", "{}").json().getJsonNumber("logId").longValue();
        browser.get(base + "/app/run.xhtml?id=" + logId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "tick 5"));
        assertEquals("RUNNING", Browser.text(browser, By.id("run:status")), "the lines came while it runs");
        Object firstStderr = browser.executeScript("return document.querySelector('#output .line-STDERR').textContent");
        assertTrue(String.valueOf(firstStderr).startsWith("warn"), "stderr is marked apart: " + firstStderr);

        browser.get(base + "/app/queue.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue:table"), "#" + logId));
        assertTrue(Integer.parseInt(Browser.text(browser, By.id("queue:running"))) >= 1);

        browser.get(base + "/app/run.xhtml?id=" + logId);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run:cancel"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run:status"), "CANCELLED"));
        assertTrue(browser.findElements(By.id("run:cancel")).isEmpty(), "no Cancel button on an ended run");
        String output = Browser.text(browser, By.id("output"));
        assertTrue(!output.contains("tick 100"), "killed, not run to the end");
    }

    @Test
    void theDashboardShowsCountsChartsAndTheActivityFeed() throws Exception {
        long event = api.createEvent(SkeletonPathIT.bashEvent("dashboard fodder", "echo fine"));
        long logId = api.post("/api/v1/events/" + event + "/run", "{}").json().getJsonNumber("logId").longValue();
        api.awaitFinished(logId, Duration.ofSeconds(20));
        browser.get(base + "/app/dashboard.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dashboard:feed"), "#" + logId));
        assertTrue(Long.parseLong(Browser.text(browser, By.id("dashboard:runs"))) >= 1);
        assertTrue(Browser.text(browser, By.id("dashboard:success-rate")).endsWith("%"));
        assertEquals(2, browser.findElements(By.cssSelector("#dashboard\\:charts canvas")).size(), "both charts drawn");
    }

    @Test
    void theLogsListFiltersByStatus() throws Exception {
        long event = api.createEvent(JobLifecycleIT.withFields(SkeletonPathIT.bashEvent("to cancel", "sleep 30"),
                "concurrencyPolicy", "QUEUE"));
        var first = api.post("/api/v1/events/" + event + "/run", "{}").json();
        var second = api.post("/api/v1/events/" + event + "/run", "{}").json();
        api.post("/api/v1/jobs/" + second.getJsonNumber("jobId") + "/cancel", "{}");
        api.post("/api/v1/jobs/" + first.getJsonNumber("jobId") + "/cancel", "{}");
        browser.get(base + "/app/logs.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logs:table")));
        MenuChoice.choose(browser, wait, "logs:status", "CANCELLED");
        browser.findElement(By.id("logs:filter")).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#logs\\:table_data .status-SUCCESS")).isEmpty());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs:table"),
                "#" + second.getJsonNumber("logId")));
    }
}
