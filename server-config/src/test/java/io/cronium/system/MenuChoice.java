package io.cronium.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Chooses an item of a PrimeFaces select menu the way a user does - open it, click the item - until the menu shows
 * it: a click that lands while the panel is still opening is lost, and a test must not depend on that timing.
 */
final class MenuChoice {

    private MenuChoice() {
    }

    static void choose(WebDriver browser, WebDriverWait wait, String menuId, String label) {
        String css = "#" + menuId.replace(":", "\\:");
        wait.until(driver -> {
            if (label.equals(driver.findElement(By.cssSelector(css + "_label")).getText())) {
                return true;
            }
            var items = driver.findElements(By.cssSelector(css + "_items li[data-label='" + label + "']"));
            if (items.isEmpty() || !items.get(0).isDisplayed()) {
                driver.findElement(By.id(menuId)).click();
            } else {
                items.get(0).click();
            }
            return false;
        });
    }
}
