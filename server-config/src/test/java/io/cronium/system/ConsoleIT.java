package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person in a real browser: logs in, creates a Bash event, runs it and reads its output. */
@Order(3)
class ConsoleIT {

    static ChromeDriver browser;
    static WebDriverWait wait;
    static String base;

    @BeforeAll
    static void open() throws Exception {
        base = RunningCronium.get().baseUrl();
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            Files.write(Path.of("target", "console-last.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.quit();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.get(base + "/login.xhtml");
        browser.manage().deleteAllCookies();
    }

    @Test
    void aWrongPasswordShowsAMessageAndStaysOnTheLoginPage() {
        browser.get(base + "/app/events.xhtml");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        browser.findElement(By.id("login:username")).sendKeys("admin");
        browser.findElement(By.id("login:password")).sendKeys("wrong-password");
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login:messages"), "Wrong username or password"));
        assertTrue(browser.getCurrentUrl().contains("login"));
    }

    @Test
    void logInCreateAnEventRunItAndSeeItsOutput() throws Exception {
        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        browser.findElement(By.id("login:username")).sendKeys("admin");
        browser.findElement(By.id("login:password")).sendKeys(RunningCronium.ADMIN_PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.urlContains("/app/events.xhtml"));

        browser.findElement(By.id("events:new")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:name"))).sendKeys("browser hello");
        browser.findElement(By.id("events:content")).sendKeys("echo \"made in the browser\"; exit 0");
        browser.findElement(By.id("events:save")).click();
        By runButton = By.xpath("//tr[.//span[@class='event-name' and text()='browser hello']]//button[contains(@id,':run')]");
        Browser.click(wait, runButton);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("events:last-run"))).click();
        wait.until(ExpectedConditions.urlContains("/app/run.xhtml"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run:status"), "SUCCESS"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "made in the browser"));
        wait.until(ExpectedConditions.textToBe(By.id("run:exit-code"), "0"));
        assertTrue(browser.getPageSource().contains("sandboxed: ran in a container of its own"),
                "a new event runs in a container where Docker answers (AUTO)");
        assertTrue(java.util.regex.Pattern.compile("network \\d+ · image \\d+ · files").matcher(browser.getPageSource()).find(),
                "the container's steps are shown");

        var session = browser.manage().getCookieNamed("JSESSIONID");
        assertEquals("Strict", session.getSameSite());
        assertTrue(session.isHttpOnly());
        var viaCookie = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(base + "/api/v1/events")).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(401, viaCookie.statusCode(), "the console session does not authenticate API calls");
    }

    @Test
    void aForgottenPasswordIsResetThroughTheEmailedLink() throws Exception {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", jakarta.json.Json.createObjectBuilder().add("username", "browser-user")
                .add("password", "first-password-1").add("role", "USER").add("email", "browser-user@example.org").build());

        browser.get(base + "/login.xhtml");
        browser.findElement(By.id("login:forgot")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset:login"))).sendKeys("browser-user");
        browser.findElement(By.id("reset:send")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reset:messages"), "reset link is on its way"));

        var mail = RunningCronium.get().mail().awaitMailTo("browser-user@example.org", Duration.ofSeconds(20));
        var link = PasswordResetIT.LINK.matcher(mail.data());
        assertTrue(link.find(), mail.data());
        browser.get(link.group(1));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset:password"))).sendKeys("second-password-2");
        browser.findElement(By.id("reset:change")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reset:messages"), "password was changed"));

        browser.findElement(By.id("reset:to-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys("browser-user");
        browser.findElement(By.id("login:password")).sendKeys("second-password-2");
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.urlContains("/app/events.xhtml"));
    }

    void logIn(String username, String password) {
        browser.get(base + "/login.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username"))).sendKeys(username);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.urlContains("/app/events.xhtml"));
    }

    @Test
    void administratorsManageUsersAndReadTheAuditOthersCannot() {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        logIn("admin", RunningCronium.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-users")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("users:username"))).sendKeys("console-made");
        browser.findElement(By.id("users:password")).sendKeys("console-made-pw");
        browser.findElement(By.id("users:create")).click();
        By madeRow = By.xpath("//span[@class='user-name' and text()='console-made']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(madeRow));

        browser.findElement(By.id("nav-audit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit:actor"))).sendKeys("admin");
        browser.findElement(By.id("audit:action")).sendKeys("USER_CREATED");
        browser.findElement(By.id("audit:filter")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit:table"), "user:console-made"));

        admin.createEvent(SkeletonPathIT.bashEvent("admins-own-event", "true"));
        browser.manage().deleteAllCookies();
        logIn("console-made", "console-made-pw");
        assertTrue(browser.findElements(By.id("nav-users")).isEmpty(), "no Users menu for a USER");
        assertFalse(browser.getPageSource().contains("admins-own-event"), "a USER sees only their own events");
        browser.get(base + "/app/admin/users.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forbidden")));
        assertTrue(browser.findElements(By.id("users:create")).isEmpty());
    }

    @Test
    void variablesAreSetInTheConsoleAndASecretIsNeverShown() {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", jakarta.json.Json.createObjectBuilder().add("username", "console-vars")
                .add("password", "console-vars-pw").add("role", "USER").build());
        logIn("console-vars", "console-vars-pw");
        browser.findElement(By.id("nav-variables")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("variables:key"))).sendKeys("plain-one");
        browser.findElement(By.id("variables:value")).sendKeys("shown value");
        browser.findElement(By.id("variables:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("variables:table"), "shown value"));
        browser.findElement(By.id("variables:key")).sendKeys("secret-one");
        browser.findElement(By.id("variables:value")).sendKeys("never-shown-42");
        browser.findElement(By.cssSelector("#variables\\:secret .ui-chkbox-box")).click();
        browser.findElement(By.id("variables:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("variables:table"), "secret-one"));
        assertFalse(browser.getPageSource().contains("never-shown-42"), "a secret value never reaches the page");
        var user = new Api(base).login("console-vars", "console-vars-pw");
        assertTrue(user.get("/api/v1/variables/secret-one").json().getBoolean("secret"));
        assertEquals("shown value", user.get("/api/v1/variables/plain-one").json().getString("value"));
        browser.findElement(By.id("variables:key")).sendKeys("bad key");
        browser.findElement(By.id("variables:value")).sendKeys("x");
        browser.findElement(By.id("variables:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages_container"), "key: 1 to 255 of"));
    }

    @Test
    void toolCredentialsAreMadeFromTheToolsFieldsAndTheirSecretsNeverShown() {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", jakarta.json.Json.createObjectBuilder().add("username", "console-tools")
                .add("password", "console-tools-pw").add("role", "USER")
                .add("permissions", jakarta.json.Json.createArrayBuilder().add("USE_TOOL_CREDENTIALS")).build());
        admin.post("/api/v1/users", jakarta.json.Json.createObjectBuilder().add("username", "console-no-tools")
                .add("password", "console-no-tools-pw").add("role", "USER").build());
        logIn("console-tools", "console-tools-pw");
        browser.findElement(By.id("nav-credentials")).click();
        MenuChoice.choose(browser, wait, "credentials:plugin", "Email");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input.credential-host"))).sendKeys("smtp.example.org");
        browser.findElement(By.id("credentials:name")).sendKeys("ops mail");
        browser.findElement(By.cssSelector("input.credential-port")).sendKeys("25");
        browser.findElement(By.cssSelector("input.credential-from")).sendKeys("not-an-address");
        browser.findElement(By.cssSelector("input.credential-password")).sendKeys("console-Pa55-word");
        browser.findElement(By.id("credentials:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages_container"),
                "credentials.from: an e-mail address"));
        assertTrue(browser.findElement(By.cssSelector("input.credential-password")).getAttribute("value").isEmpty(),
                "a refused secret is typed again, not kept in the page");
        browser.findElement(By.cssSelector("input.credential-from")).clear();
        browser.findElement(By.cssSelector("input.credential-from")).sendKeys("ops@example.org");
        browser.findElement(By.cssSelector("input.credential-password")).sendKeys("console-Pa55-word");
        browser.findElement(By.id("credentials:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages_container"),
                "Credential 'ops mail' created"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("credentials:table"), "ops mail"));
        assertTrue(browser.findElement(By.id("credentials:table")).getText().contains("password"), "the secret is held");

        Browser.click(wait, By.cssSelector("button[id$=':edit']"));
        new WebDriverWait(browser, Duration.ofSeconds(30)) // the form is re-rendered meanwhile
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(By.cssSelector("input.credential-host"), "value", "smtp.example.org"));
        browser.findElement(By.cssSelector("input.credential-host")).clear();
        browser.findElement(By.cssSelector("input.credential-host")).sendKeys("mail.example.org");
        browser.findElement(By.id("credentials:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("credentials:table"), "host=mail.example.org"));
        assertFalse(browser.getPageSource().contains("console-Pa55-word"), "a secret never reaches the page");
        var user = new Api(base).login("console-tools", "console-tools-pw");
        var stored = user.get("/api/v1/tool-credentials").json().getJsonArray("items").getJsonObject(0);
        assertEquals("[\"password\"]", stored.getJsonArray("secretsSet").toString(), "kept by the change: " + stored);

        browser.findElement(By.id("session:logout")).click();
        logIn("console-no-tools", "console-no-tools-pw");
        browser.findElement(By.id("nav-credentials")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("credentials:table")));
        assertFalse(browser.findElement(By.id("credentials:table")).getText().contains("ops mail"), "another user's");
        browser.findElement(By.id("credentials:name")).sendKeys("mine");
        browser.findElement(By.cssSelector("input.credential-webhookUrl")).sendKeys("https://hooks.example/T1");
        browser.findElement(By.id("credentials:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages_container"),
                "the permission USE_TOOL_CREDENTIALS is needed"));
    }

    @Test
    void anActionThatFailsUnexpectedlySaysSoWithoutItsCause() throws Exception {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", jakarta.json.Json.createObjectBuilder().add("username", "console-boom")
                .add("password", "console-boom-pw").add("role", "USER").build());
        try (var c = RunningCronium.get().database(); var s = c.createStatement()) {
            // a failure no page expects: the database refuses one variable with a message that must not reach users
            s.execute("create function refuse_boom() returns trigger language plpgsql as $$ begin"
                    + " if new.key = 'boom' then raise exception 'internal detail qx-7731-zv'; end if; return new; end $$");
            s.execute("create trigger refuse_boom before insert on variables for each row execute function refuse_boom()");
        }
        try {
            logIn("console-boom", "console-boom-pw");
            browser.findElement(By.id("nav-variables")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("variables:key"))).sendKeys("boom");
            browser.findElement(By.id("variables:value")).sendKeys("x");
            browser.findElement(By.id("variables:save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages_container"),
                    "Something went wrong on the server and nothing was changed (reference "));
            String said = browser.findElement(By.id("messages_container")).getText();
            // a marker nothing else in the page holds by chance (a bare "7731" once appeared elsewhere in it, in CI)
            assertFalse(browser.getPageSource().contains("qx-7731-zv"), said);
            String reference = said.replaceAll("(?s).*\\(reference ([0-9a-f]{8}) .*", "$1");
            assertTrue(RunningCronium.get().output().stream().anyMatch(l -> l.contains("reference " + reference + ")")),
                    "the server log has it: " + reference);
        } finally {
            try (var c = RunningCronium.get().database(); var s = c.createStatement()) {
                s.execute("drop trigger refuse_boom on variables");
                s.execute("drop function refuse_boom()");
            }
        }
    }

    @Test
    void viewersSeeNoButtonsThatChangeAnything() {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", jakarta.json.Json.createObjectBuilder().add("username", "console-viewer")
                .add("password", "console-viewer-pw").add("role", "VIEWER").build());
        logIn("console-viewer", "console-viewer-pw");
        assertTrue(browser.findElements(By.id("events:new")).isEmpty());
    }

    @Test
    void aFormPostWithoutTheViewsTokenChangesNothing() throws Exception {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        logIn("admin", RunningCronium.ADMIN_PASSWORD);
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        String form = "events=events&events%3Aname=csrf-attempt&events%3Atype_input=BASH&events%3Acontent=id"
                + "&events%3Asave=events%3Asave&jakarta.faces.ViewState=forged-or-stolen-elsewhere";
        var forged = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(base + "/app/events.xhtml"))
                .header("Cookie", "JSESSIONID=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(302, forged.statusCode(), "answered with a redirect to a fresh page, not executed");
        assertFalse(admin.get("/api/v1/events?limit=500").body().contains("csrf-attempt"), "no event was created");
    }

    @Test
    void anHttpEventIsMadeInTheFormAndEditingKeepsWhatTheFormDoesNotShow() throws Exception {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        logIn("admin", RunningCronium.ADMIN_PASSWORD);
        browser.findElement(By.id("events:new")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:name"))).sendKeys("ping from the form");
        MenuChoice.choose(browser, wait, "events:type", "HTTP");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:http-url"))).sendKeys(base + "/health/live");
        browser.findElement(By.id("events:http-headers")).sendKeys("Accept: application/json");
        browser.findElement(By.id("events:save")).click();
        By row = By.xpath("//tr[.//span[@class='event-name' and text()='ping from the form']]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        var stored = admin.get("/api/v1/events?limit=500").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject()).filter(e -> e.getString("name").equals("ping from the form")).findFirst().orElseThrow();
        assertEquals("HTTP", stored.getString("type"));
        assertEquals(base + "/health/live", stored.getJsonObject("http").getString("url"));
        assertEquals("application/json", stored.getJsonObject("http").getJsonObject("headers").getString("Accept"));

        // made through the API with settings the form does not show; saved from the form, they stay
        long id = admin.createEvent(jakarta.json.Json.createObjectBuilder().add("name", "api made").add("type", "BASH")
                .add("content", "echo $KEY").add("retries", 3).add("priority", "HIGH").add("concurrencyPolicy", "FORBID")
                .add("env", jakarta.json.Json.createObjectBuilder().add("KEY", "kept-secret").add("PLAIN", "p"))
                .add("secretEnv", jakarta.json.Json.createArrayBuilder().add("KEY")).build());
        browser.navigate().refresh();
        By edit = By.xpath("//tr[.//span[@class='event-name' and text()='api made']]//button[contains(@id,':edit')]");
        Browser.click(wait, edit);
        var timeout = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:timeout_input")));
        timeout.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "120");
        browser.findElement(By.id("events:save")).click();
        try {
            wait.until(d -> admin.get("/api/v1/events/" + id).json().getInt("timeoutSeconds") == 120);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not saved; the page says: " + browser.findElement(By.tagName("body")).getText(), e);
        }
        var after = admin.get("/api/v1/events/" + id).json();
        assertEquals(120, after.getInt("timeoutSeconds"));
        assertEquals(3, after.getInt("retries"));
        assertEquals("HIGH", after.getString("priority"));
        assertEquals("FORBID", after.getString("concurrencyPolicy"));
        assertEquals("p", after.getJsonObject("env").getString("PLAIN"));
        assertEquals(List.of("KEY"), after.getJsonArray("secretEnv").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void aConditionalActionIsAddedInTheEventFormAndStartsTheOtherEvent() throws Exception {
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        long target = admin.createEvent(SkeletonPathIT.bashEvent("form-target", "echo target"));
        long source = admin.createEvent(SkeletonPathIT.bashEvent("form-source", "exit 1"));
        logIn("admin", RunningCronium.ADMIN_PASSWORD);
        By edit = By.xpath("//tr[.//span[@class='event-name' and text()='form-source']]//button[contains(@id,':edit')]");
        Browser.click(wait, edit);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("events:add-action"))).click();
        String on = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id$=':0:action-on']")))
                .getAttribute("id");
        MenuChoice.choose(browser, wait, on, "on FAILURE");
        String event = browser.findElement(By.cssSelector("[id$=':0:action-event']")).getAttribute("id");
        MenuChoice.choose(browser, wait, event, "form-target");
        browser.findElement(By.id("events:save")).click();
        wait.until(d -> admin.get("/api/v1/events/" + source).json().getJsonArray("actions").size() == 1);
        var action = admin.get("/api/v1/events/" + source).json().getJsonArray("actions").getJsonObject(0);
        assertEquals("FAILURE", action.getString("on"));
        assertEquals(target, action.getJsonNumber("eventId").longValue());

        var run = admin.post("/api/v1/events/" + source + "/run", "{}");
        var log = admin.awaitFinished(run.json().getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
        assertTrue(log.getString("error").contains("action on FAILURE: started event 'form-target'"), log.toString());
    }

    @Test
    void aServerAddedInTheConsoleIsCheckedAndRunsAnEventMadeInTheForm() throws Exception {
        logIn("admin", RunningCronium.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-servers")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("servers:name"))).sendKeys("console-web1");
        browser.findElement(By.id("servers:host")).sendKeys(SshHosts.address(1));
        browser.findElement(By.id("servers:username")).sendKeys(SshHosts.USER);
        browser.findElement(By.id("servers:key")).sendKeys(SshHosts.key("id_ed25519"));
        browser.findElement(By.id("servers:create")).click();
        By row = By.xpath("//tr[.//span[contains(@class,'server-name') and text()='console-web1']]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertFalse(browser.getPageSource().contains("PRIVATE KEY"), "the key is not kept in the page");
        browser.findElement(By.xpath("//tr[.//span[text()='console-web1']]//button[contains(@id,':check')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//tr[.//span[text()='console-web1']]//span[contains(@class,'server-status')]"), "online"));
        assertTrue(browser.getPageSource().contains(SshHosts.fingerprint(1)), "the pinned host key is shown");

        browser.findElement(By.id("nav-events")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("events:new"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:name"))).sendKeys("over ssh from the form");
        browser.findElement(By.id("events:content")).sendKeys("echo \"on $(hostname)\"");
        browser.findElement(By.cssSelector("label[for='events:location:1']")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("events:servers"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[@id='events:servers_panel']//li[contains(., 'console-web1')]//div[contains(@class,'ui-chkbox-box')]")))
                .click();
        browser.findElement(By.id("events:name")).click(); // closes the menu
        browser.findElement(By.id("events:save")).click();
        By runButton = By.xpath("//tr[.//span[@class='event-name' and text()='over ssh from the form']]//button[contains(@id,':run')]");
        Browser.click(wait, runButton);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("events:last-run"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run:status"), "SUCCESS"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("output"), "on host1"));
    }

    @Test
    void theScheduleEditorDescribesTheScheduleShowsTheNextRunsAndExplainsMistakes() {
        logIn("admin", RunningCronium.ADMIN_PASSWORD);
        browser.findElement(By.id("events:new")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:name"))).sendKeys("scheduled in the browser");
        browser.findElement(By.id("events:content")).sendKeys("echo scheduled");
        browser.findElement(By.cssSelector("label[for='events:kind:1']")).click();
        var cron = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events:cron")));
        cron.sendKeys("*/10 * * * * ?");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-description"), "10 seconds"));
        wait.until(d -> d.findElements(By.cssSelector("#preview-next li")).size() == 5);

        cron.clear();
        cron.sendKeys("61 * * * *");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events:preview-error"), "minute field"));

        cron.clear();
        cron.sendKeys("0 6 * * *");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-description"), "06:00"));
        browser.findElement(By.id("events:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events:table"), "0 6 * * * (UTC)"));
    }
}
