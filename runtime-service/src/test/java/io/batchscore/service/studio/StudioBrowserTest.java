package io.batchscore.service.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.batchscore.service.auth.Role;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio in a real Chromium (Debian's chromium and chromium-driver, through Selenium): sign
 * in, invoke an endpoint, watch the job go Running to Completed without a reload, find the
 * scorer's init line in a worker's stdout file, download the predictions; a reader sees no cancel
 * button and a forged cancel is refused; a file named like an HTML tag stays text; the log
 * browser and the downloads refuse paths out of the job's folder. Screenshots go to
 * {@code target/studio-screenshots/}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StudioBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String XSS_NAME = "<img src=x onerror=alert(1)>.png";
  static final Path SHOTS = Path.of("target/studio-screenshots").toAbsolutePath();

  @TempDir Path tmp;
  StudioServer studio;
  WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(
          "CI needs "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (apt-get install chromium chromium-driver)");
    }
    assumeTrue(present, "no " + CHROMIUM + " or " + CHROMEDRIVER + ": browser test skipped");
    studio = new StudioServer(tmp);
    Path deployment = studio.ws.cloud().resolve("deployment.yml");
    Files.writeString(
        deployment,
        Files.readString(deployment)
            + """
        environment_variables:
          CHAOS_DELAY_MS: "50"
          CHAOS_FAIL: "onerror"
        """);
    studio.ws.deploySeed();
    Files.writeString(tmp.resolve("sample-request").resolve(XSS_NAME), "");
    Files.createDirectories(SHOTS);
    Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (studio != null) {
      studio.close();
    }
  }

  @Test
  void signInWatchAJobBrowseItsLogsAndDownload() throws Exception {
    String invoker = studio.token(Role.INVOKER);
    browser.get(studio.url("/studio/endpoints"));
    assertThat(browser.getCurrentUrl()).contains("/studio/login");
    browser.findElement(By.id("token")).sendKeys(invoker);
    browser.findElement(By.id("sign-in")).click();
    wait(10).until(d -> d.getCurrentUrl().endsWith("/studio/endpoints"));
    Cookie cookie = browser.manage().getCookieNamed(SessionCookie.NAME);
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    assertThat(cookie.getPath()).isEqualTo("/studio");

    browser.findElement(By.linkText("endpoint-batch")).click();
    browser.findElement(By.id("input")).sendKeys(tmp.resolve("sample-request").toString());
    browser.findElement(By.id("invoke-button")).click();
    wait(10).until(d -> d.getCurrentUrl().contains("/studio/jobs/"));
    String job = browser.findElement(By.id("job-name")).getText();
    String jobPath = "/studio/jobs/" + job;
    ((JavascriptExecutor) browser).executeScript("window.notReloaded = 42;");

    wait(90).until(d -> status().equals("Running"));
    screenshot("job-running");
    assertThat(browser.findElements(By.id("cancel"))).as("an invoker may cancel").hasSize(1);
    readerWhileRunning(jobPath);

    wait(120).until(d -> status().equals("Completed"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded;"))
        .as("the page was not reloaded")
        .isEqualTo(42L);
    assertThat(browser.findElement(By.id("succeeded")).getText()).isEqualTo("200");
    assertThat(browser.findElement(By.id("failed")).getText()).isEqualTo("1");
    browser.navigate().refresh();
    assertTagNameIsText(browser.findElement(By.cssSelector("#failures td.item")).getText());
    screenshot("job-completed");
    browser.manage().window().setSize(new Dimension(390, 844));
    assertThat(
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"))
        .as("a phone-width page needs no sideways scrolling")
        .isEqualTo(true);
    screenshot("job-phone");
    browser.manage().window().setSize(new Dimension(1280, 1000));

    browser.findElement(By.id("log-tree")).click();
    screenshot("log-tree");
    String stdout =
        browser.findElements(By.cssSelector("a[data-path]")).stream()
            .map(a -> a.getAttribute("data-path"))
            .filter(p -> p.matches("logs/user/stdout/node000/process\\d+\\.stdout\\.txt"))
            .findFirst()
            .orElseThrow();
    browser.findElement(By.cssSelector("a[data-path='" + stdout + "']")).click();
    assertThat(browser.findElement(By.id("file-text")).getText())
        .contains("chaos scorer ready on cpu");
    screenshot("log-file");

    String session = SessionCookie.NAME + "=" + cookie.getValue();
    String predictions =
        browser.getCurrentUrl().replace("/view/" + stdout, "").replace(studio.server.address(), "")
            + "/files/predictions_pytorch.csv";
    HttpResponse<String> rows = studio.get(predictions, session);
    assertThat(rows.statusCode()).isEqualTo(200);
    assertThat(rows.body().lines().toList()).hasSize(200).allMatch(l -> l.endsWith(": ok"));

    Path jobDir = studio.service.jobOutputDir(job);
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "the secret");
    Files.createSymbolicLink(jobDir.resolve("logs/planted.txt"), secret);
    Files.createSymbolicLink(jobDir.resolve("logs/planted-dir"), tmp);
    refusesPathsOutOfTheJob(jobPath, session);
    assertThat(zipEntries(jobPath, session))
        .contains("predictions_pytorch.csv", "logs/job_result.txt", "logs/" + stdout.substring(5))
        .noneMatch(n -> n.contains("planted"));

    browser.get(studio.url(jobPath + "/logs"));
    assertThat(
            browser
                .findElement(By.cssSelector("span.refused[data-path='logs/planted.txt']"))
                .getText())
        .isEqualTo("planted.txt");
    browser.get(studio.url(jobPath + "/report"));
    assertTagNameIsText(browser.findElement(By.cssSelector("#failures td.item")).getText());

    browser.get(studio.url("/studio/endpoints/endpoint-batch"));
    assertThat(browser.findElement(By.cssSelector("#runs a")).getText()).isEqualTo(job);
    screenshot("endpoint");
  }

  /** While the job runs: a reader's page has no cancel button, and a forged cancel is 403. */
  private void readerWhileRunning(String jobPath) throws Exception {
    String reader = studio.signIn(studio.token(Role.READER));
    String page = studio.get(jobPath, reader).body();
    assertThat(page)
        .contains(">Running<")
        .doesNotContain("id=\"cancel\"")
        .doesNotContain("/cancel\"");
    HttpResponse<String> noCsrf = studio.post(jobPath + "/cancel", reader, "");
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(noCsrf.body()).contains("CSRF token is missing");
    HttpResponse<String> forged =
        studio.post(jobPath + "/cancel", reader, "csrf=" + StudioServer.csrf(page));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body())
        .contains("needs the role invoker or higher; you are signed in as" + " reader");
    assertThat(studio.service.showJob(jobPath.substring(jobPath.lastIndexOf('/') + 1)).status())
        .isIn("Running", "Completed");
  }

  private void refusesPathsOutOfTheJob(String jobPath, String session) throws Exception {
    for (String kind : List.of("view", "files", "tail")) {
      for (String bad :
          List.of(
              "logs/planted.txt",
              "logs/planted-dir/secret.txt",
              "..%2Fsecret.txt",
              "logs%2F..%2F..%2F..%2Fsecret.txt",
              "%2Fetc%2Fpasswd",
              "logs/%2E%2E/%2E%2E/secret.txt")) {
        HttpResponse<String> r = studio.get(jobPath + "/" + kind + "/" + bad, session);
        assertThat(r.statusCode()).as(kind + "/" + bad).isIn(400, 403);
        assertThat(r.body())
            .as(kind + "/" + bad)
            .doesNotContain("the secret")
            .doesNotContain("root:");
      }
    }
    HttpResponse<String> link = studio.get(jobPath + "/files/logs/planted.txt", session);
    assertThat(link.statusCode()).isEqualTo(403);
    assertThat(link.body()).contains("link leading out of the job");
  }

  private List<String> zipEntries(String jobPath, String session) throws Exception {
    HttpResponse<byte[]> zip = studio.getBytes(jobPath + "/outputs.zip", session);
    assertThat(zip.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .doesNotContain("the secret");
      }
    }
    return names;
  }

  private void assertTagNameIsText(String shown) {
    assertThat(shown).endsWith(XSS_NAME);
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
  }

  private String status() {
    return browser.findElement(By.id("status")).getText();
  }

  private WebDriverWait wait(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(200));
  }

  private void screenshot(String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
