package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workflow canvas in a real browser: three events dragged onto the canvas, connected, one connection given a
 * type and another a condition, saved, run, and each node seen to finish on the run's page.
 */
@Order(21)
class WorkflowConsoleIT {

    static ChromeDriver browser;
    static WebDriverWait wait;
    static String base;
    static Api user;

    @BeforeAll
    static void open() throws Exception {
        base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "canvas-user")
                .add("password", "canvas-user-pw").add("role", "USER").build());
        user = new Api(base).login("canvas-user", "canvas-user-pw");
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            Files.write(Path.of("target", "workflow-console-last.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.quit();
        }
    }

    static WebElement paletteItem(String name) {
        return browser.findElement(By.xpath("//div[contains(@class,'wf-palette-item') and @data-name='" + name + "']"));
    }

    @Test
    void buildAThreeNodeWorkflowOnTheCanvasRunItAndSeeEachNodeFinish() {
        user.createEvent(SkeletonPathIT.bashEvent("canvas-first", "echo first; cronium output '{\"n\":1}'"));
        user.createEvent(SkeletonPathIT.bashEvent("canvas-second", "sleep 1; echo second"));
        user.createEvent(SkeletonPathIT.bashEvent("canvas-third", "echo third"));
        Browser.logIn(browser, base, "canvas-user", "canvas-user-pw");
        browser.findElement(By.id("nav-workflows")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("workflows:new"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("workflow:name"))).sendKeys("made on the canvas");

        WebElement canvas = browser.findElement(By.id("canvas"));
        var actions = new Actions(browser);
        int[][] places = {{-250, -100}, {0, 0}, {250, 100}};
        String[] names = {"canvas-first", "canvas-second", "canvas-third"};
        for (int i = 0; i < 3; i++) {
            actions.clickAndHold(paletteItem(names[i])).moveToElement(canvas, places[i][0], places[i][1]).release()
                    .perform();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("canvas-node-n" + (i + 1))));
        }
        connect(actions, "n1", "n2");
        connect(actions, "n2", "n3");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("edges-1-type")));
        new Select(browser.findElement(By.id("edges-0-type"))).selectByValue("ALWAYS");
        new Select(browser.findElement(By.id("edges-1-type"))).selectByValue("ON_CONDITION");
        var condition = wait.until(ExpectedConditions.elementToBeClickable(By.id("edges-1-condition")));
        condition.sendKeys("exitCode == 0 and status == \"SUCCESS\"");
        browser.findElement(By.id("workflow:name")).click(); // leaving the field commits its change
        screenshot("workflow-canvas.png");
        browser.findElement(By.id("workflow:save")).click();
        wait.until(ExpectedConditions.urlContains("workflow.xhtml?id="));

        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1"));
        JsonObject saved = user.get("/api/v1/workflows/" + id).json();
        assertEquals("made on the canvas", saved.getString("name"));
        assertEquals(3, saved.getJsonArray("nodes").size(), saved.toString());
        var edges = saved.getJsonArray("edges").getValuesAs(JsonObject.class);
        assertEquals(List.of("n1>n2:ALWAYS", "n2>n3:ON_CONDITION"), edges.stream()
                .map(e -> e.getString("from") + ">" + e.getString("to") + ":" + e.getString("type")).toList());
        assertEquals("exitCode == 0 and status == \"SUCCESS\"", edges.get(1).getString("condition"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("canvas-node-n3")));

        browser.findElement(By.id("workflow:run")).click();
        wait.until(ExpectedConditions.urlContains("workflow-run.xhtml"));
        wait.until(ExpectedConditions.textToBe(By.id("wfrun:status"), "SUCCESS"));
        wait.until(d -> d.findElements(By.cssSelector(".step-status")).stream()
                .filter(s -> s.getText().equals("SUCCESS")).count() == 3);
        for (String node : List.of("n1", "n2", "n3")) {
            wait.until(ExpectedConditions.attributeContains(By.id("run-canvas-node-" + node), "class", "wf-status-SUCCESS"));
        }
        assertEquals("3", browser.findElement(By.id("wfrun:succeeded")).getText());
        screenshot("workflow-run.png");
        String runId = browser.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");
        browser.findElement(By.id("nav-workflows")).click();
        By row = By.xpath("//tr[.//a[text()='made on the canvas']]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "#" + runId + " SUCCESS"));
        assertEquals("3", browser.findElement(row).findElements(By.tagName("td")).get(1).getText(), "its steps");
        browser.navigate().back();
        wait.until(ExpectedConditions.urlContains("workflow-run.xhtml"));
        browser.findElement(By.xpath("//a[starts-with(text(),'Run #')]")).click();
        wait.until(ExpectedConditions.urlContains("/app/run.xhtml"));
        assertTrue(browser.getPageSource().contains("WORKFLOW"), "a step's log says it ran in a workflow");
        browser.findElement(By.id("run:workflow-run")).click();
        wait.until(ExpectedConditions.urlContains("workflow-run.xhtml"));
    }

    @Test
    void editingKeepsWhatTheCanvasDoesNotShowAndOthersSeeNothing() {
        long event = user.createEvent(SkeletonPathIT.bashEvent("canvas-kept", "true"));
        var created = user.post("/api/v1/workflows", Json.createObjectBuilder().add("name", "kept")
                .add("nodes", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "only")
                        .add("eventId", event).add("x", 60).add("y", 60)))
                .add("edges", Json.createArrayBuilder())
                .add("variables", Json.createObjectBuilder().add("region", "eu"))
                .add("schedule", Json.createObjectBuilder().add("cron", "0 3 * * *")).build());
        assertEquals(201, created.status(), created.body());
        long id = created.json().getJsonNumber("id").longValue();
        browser.manage().deleteAllCookies();
        Browser.logIn(browser, base, "canvas-user", "canvas-user-pw");
        browser.get(base + "/app/workflow.xhtml?id=" + id);
        var name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("workflow:name")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("canvas-node-only")));
        name.clear();
        name.sendKeys("kept and renamed");
        browser.findElement(By.id("workflow:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages_container"), "saved"));
        var saved = user.get("/api/v1/workflows/" + id).json();
        assertEquals("kept and renamed", saved.getString("name"));
        assertEquals("eu", saved.getJsonObject("variables").getString("region"));
        assertEquals("0 3 * * *", saved.getJsonObject("schedule").getString("cron"));
        assertEquals(60, saved.getJsonArray("nodes").getJsonObject(0).getInt("x"));
        long run = user.post("/api/v1/workflows/" + id + "/run", "{}").json().getJsonNumber("workflowExecutionId")
                .longValue();

        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "canvas-stranger")
                .add("password", "canvas-stranger-pw").add("role", "USER").build());
        browser.manage().deleteAllCookies();
        Browser.logIn(browser, base, "canvas-stranger", "canvas-stranger-pw");
        browser.get(base + "/app/workflow-run.xhtml?id=" + run);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages_container"), "not found"));
        assertTrue(browser.findElements(By.id("wfrun:status")).isEmpty(), "nothing of another user's run is shown");
        browser.get(base + "/app/workflow.xhtml?id=" + id);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages_container"), "not found"));
        assertTrue(browser.findElements(By.id("canvas-node-only")).isEmpty());
        browser.get(base + "/app/workflows.xhtml");
        assertTrue(!browser.getPageSource().contains("kept and renamed"));
    }

    static void screenshot(String file) {
        try {
            Files.write(Path.of("target", file), browser.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void connect(Actions actions, String from, String to) {
        WebElement port = browser.findElement(By.cssSelector("#canvas-node-" + from + " .wf-port"));
        actions.clickAndHold(port).moveToElement(browser.findElement(By.id("canvas-node-" + to))).release().perform();
    }
}
