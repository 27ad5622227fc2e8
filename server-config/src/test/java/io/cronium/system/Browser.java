package io.cronium.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Real headless Chromium (Debian's chromium and chromium-driver), set up for a machine without internet. */
final class Browser {

    private Browser() {
    }

    static ChromeDriver start() throws Exception {
        var options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("cronium-chromium"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver")).toFile())
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** The text of an element of a live page, read again if an update replaced the element meanwhile. */
    static String text(ChromeDriver browser, By element) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.findElement(element).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * Clicks an element once it is clickable, again while something covers it (a growl message that has just
     * appeared over a table's buttons): a person waits for the message to move away, the test does the same.
     */
    static void click(WebDriverWait wait, By element) {
        wait.until(driver -> {
            try {
                driver.findElement(element).click();
                return true;
            } catch (org.openqa.selenium.ElementClickInterceptedException
                     | org.openqa.selenium.StaleElementReferenceException
                     | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    /** Logs in through the login form and waits for the first console page. */
    static void logIn(ChromeDriver browser, String base, String username, String password) {
        browser.get(base + "/");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.urlContains("/login.xhtml"));
        browser.findElement(By.id("login:username")).sendKeys(username);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
        wait.until(ExpectedConditions.urlContains("/app/"));
    }
}
