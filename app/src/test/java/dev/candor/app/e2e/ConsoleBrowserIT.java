package dev.candor.app.e2e;

import dev.candor.app.CandorApplication;
import dev.candor.app.auth.PasswordHasher;
import dev.candor.app.storage.Database;
import dev.candor.app.storage.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver): a supervisor sees a
 * live call appear and its transcript and state change as the caller presses 0; an agent cannot open
 * another agent's call.
 */
class ConsoleBrowserIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;

    private WebDriver browser;

    @BeforeAll
    static void toolsAreInstalled() {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))
                && Sipp.installed();
        if (System.getenv("CI") != null && !present) {
            throw new IllegalStateException("chromium, chromium-driver and sipp must be installed; .ci/run installs them");
        }
        assumeTrue(present, "chromium, chromium-driver or sipp missing; skipping the browser test");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriver startBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        return browser;
    }

    private static void addUsers(Path dataDir) {
        PasswordHasher hasher = new PasswordHasher();
        try (Database db = Database.open(dataDir)) {
            UserStore users = new UserStore(db);
            users.saveUser("sam", hasher.hash(PASSWORD.toCharArray()), "supervisor", Optional.empty(), Instant.now());
            users.saveUser("bob", hasher.hash(PASSWORD.toCharArray()), "agent", Optional.of("Bob"), Instant.now());
        }
    }

    private void logIn(WebDriver b, int httpPort, String user) {
        b.get("http://127.0.0.1:" + httpPort + "/console/");
        b.findElement(By.id("username")).sendKeys(user);
        b.findElement(By.id("password")).sendKeys(PASSWORD);
        b.findElement(By.cssSelector("#login button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.findElement(By.id("who")).getText().startsWith(user));
    }

    /** The text of the live calls; the list is re-rendered on every event, so a stale read is retried. */
    private static String liveText(WebDriver b) {
        for (int attempt = 0; ; attempt++) {
            try {
                return b.findElements(By.cssSelector("#live .call")).stream().map(WebElement::getText)
                        .reduce("", (x, y) -> x + "\n" + y);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static String liveStatus(WebDriver b) {
        for (int attempt = 0; ; attempt++) {
            try {
                return b.findElement(By.cssSelector("#live .call .status")).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Test
    void supervisorWatchesALiveCallAndAnAgentCannotOpenAnotherAgentsCall() throws Exception {
        Path data = tmp.resolve("data");
        addUsers(data);
        int agentSipPort = Sipp.freeUdpPort();
        try (RtpPeer caller = new RtpPeer(); RtpPeer agent = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(data, agentSipPort, 10,
                     "handoff.agents=[{name: Alice, uri: \"sip:alice@127.0.0.1:" + agentSipPort + "\"}, "
                             + "{name: Bob, uri: \"sip:bob@127.0.0.1:" + Sipp.freeUdpPort() + "\"}]")) {
            WebDriver b = startBrowser();
            logIn(b, candor.httpPort(), "sam");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    b.findElement(By.id("events-state")).getText().equals("live"));

            Sipp agentPhone = Sipp.start(tmp, "agent", "agent-uas.xml", "-p", String.valueOf(agentSipPort),
                    "-d", "12000", "-key", "agent_rtp_port", String.valueOf(agent.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-uac.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));

            // The call appears, Candor talking, with the disclosure in its transcript.
            await().atMost(Duration.ofSeconds(15)).until(() -> liveText(b).contains("AI assistant"));
            assertThat(liveStatus(b)).isEqualTo("candor");

            // The caller presses 0: the transcript and the state change without reloading the page.
            caller.sendDtmf('0', 101);
            await().atMost(Duration.ofSeconds(15)).until(() -> liveText(b).contains("Connecting you to a person now."));
            await().atMost(Duration.ofSeconds(15)).until(() -> liveText(b).contains("with Alice"));
            await().atMost(Duration.ofSeconds(25)).until(() ->
                    liveStatus(b).equals("with_agent"));
            assertThat(liveText(b)).contains("handoff: caller_request").contains("Handed over because the caller pressed 0 to ask for a person.");
            String callId = b.findElement(By.cssSelector("#live .call")).getAttribute("data-call");

            assertThat(agentPhone.await(40)).as(agentPhone.output()).isZero();
            assertThat(callerPhone.await(40)).as(callerPhone.output()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.findElements(By.cssSelector("#live .call")).isEmpty());

            // Bob, another agent, cannot open Alice's call, nor see it in his history.
            b.findElement(By.id("logout")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.findElement(By.id("login")).isDisplayed());
            logIn(b, candor.httpPort(), "bob");
            Object status = ((JavascriptExecutor) b).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/calls/' + arguments[0]).then(r => done(r.status));", callId);
            assertThat(status).isEqualTo(403L);
            assertThat(b.findElement(By.id("history")).getText()).doesNotContain("Alice");
        }
    }

    @Test
    void supervisorSeesTheTrunkRegistrationFailWithTheTrunksAnswerAndAnAgentDoesNot() throws Exception {
        Path data = tmp.resolve("data");
        addUsers(data);
        try (java.net.DatagramSocket registrar = new java.net.DatagramSocket(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))) {
            Thread trunk = new Thread(() -> answerEveryRegisterWith403(registrar), "fake-trunk");
            trunk.setDaemon(true);
            trunk.start();
            try (CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10,
                    "sip.trunk.username=candor", "sip.trunk.password=trunk-secret",
                    "sip.trunk.registrar=sip:127.0.0.1:" + registrar.getLocalPort())) {
                WebDriver b = startBrowser();
                logIn(b, candor.httpPort(), "sam");
                // Shown at login; should the first REGISTER still be on its way, ask the page to read it again.
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    ((JavascriptExecutor) b).executeScript("refreshTrunk()");
                    return trunkCell(b, "state").equals("failed");
                });
                assertThat(b.findElement(By.id("trunk-section")).isDisplayed()).isTrue();
                assertThat(trunkCell(b, "registrar")).isEqualTo("sip:127.0.0.1:" + registrar.getLocalPort());
                assertThat(trunkCell(b, "user")).isEqualTo("candor");
                assertThat(trunkCell(b, "lastError")).startsWith("403 Forbidden at 20");
                assertThat(b.getPageSource()).doesNotContain("trunk-secret");

                b.findElement(By.id("logout")).click();
                await().atMost(Duration.ofSeconds(10)).until(() -> b.findElement(By.id("login")).isDisplayed());
                logIn(b, candor.httpPort(), "bob");
                assertThat(b.findElement(By.id("trunk-section")).isDisplayed()).as("agents do not see the trunk").isFalse();
            }
        }
    }

    @Test
    void supervisorCreatesACampaignFromACsvThenStartsAndPausesItAndAnAgentDoesNotSeeCampaigns() throws Exception {
        Path data = tmp.resolve("data");
        addUsers(data);
        Path csv = Files.writeString(tmp.resolve("spring leads.csv"),
                "phone,name,time_zone\n+15555550142,Dana,America/New_York\n+15555550143,Sam,Europe/Berlin\n"
                        + "not-a-number,Nobody,UTC\n");
        // No campaigns.dial-uri: the campaign runs but cannot dial, so nothing leaves this machine.
        try (CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10)) {
            WebDriver b = startBrowser();
            logIn(b, candor.httpPort(), "sam");
            assertThat(b.findElement(By.id("campaigns-section")).isDisplayed()).isTrue();
            b.findElement(By.cssSelector("#new-campaign-box summary")).click();
            WebElement form = b.findElement(By.id("new-campaign"));
            form.findElement(By.name("name")).sendKeys("Spring <b>renewals</b>");
            WebElement hours = form.findElement(By.name("callingHours"));
            hours.clear();
            hours.sendKeys("10:00-16:00");
            form.findElement(By.name("leads")).sendKeys(csv.toAbsolutePath().toString());
            form.findElement(By.cssSelector("button[type=submit]")).click();

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    b.findElement(By.id("new-campaign-result")).getText().startsWith("Created"));
            assertThat(b.findElement(By.id("new-campaign-result")).getText())
                    .contains("with 2 leads").contains("1 row not imported").contains("not-a-number");
            await().atMost(Duration.ofSeconds(10)).until(() -> campaignCell(b, "status").equals("draft"));
            // Text from the server is text, never markup.
            assertThat(b.findElements(By.cssSelector("#campaigns b"))).isEmpty();
            assertThat(b.findElement(By.cssSelector("#campaigns tbody tr td")).getText())
                    .isEqualTo("Spring <b>renewals</b>");
            assertThat(campaignCell(b, "leads")).isEqualTo("pending 2");
            assertThat(b.findElement(By.cssSelector("#campaigns tbody tr")).getText()).contains("10:00-16:00");

            b.findElement(By.cssSelector("#campaigns button[data-action=start]")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> campaignCell(b, "status").startsWith("running"));
            // This node has no campaigns.dial-uri: the supervisor is told why nothing is dialled.
            assertThat(campaignCell(b, "not-dialling")).contains("campaigns.dial-uri is empty");
            long id = candor.campaignStore().list().get(0).id();
            assertThat(candor.campaignStore().find(id).orElseThrow().status()).isEqualTo("running");
            b.findElement(By.cssSelector("#campaigns button[data-action=pause]")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> campaignCell(b, "status").equals("paused"));
            assertThat(b.findElements(By.cssSelector("#campaigns [data-field=\"not-dialling\"]"))).isEmpty();
            assertThat(b.findElement(By.cssSelector("#campaigns button[data-action=start]")).getText()).isEqualTo("Resume");

            b.findElement(By.id("logout")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.findElement(By.id("login")).isDisplayed());
            logIn(b, candor.httpPort(), "bob");
            assertThat(b.findElement(By.id("campaigns-section")).isDisplayed()).as("agents do not see campaigns").isFalse();
        }
    }

    /** A cell of the first campaign row: {@code status}, {@code leads} or {@code attempts}; retried if re-rendered. */
    private static String campaignCell(WebDriver b, String field) {
        String css = field.equals("status") ? "#campaigns tbody tr td[data-status]"
                : "#campaigns tbody tr [data-field=\"" + field + "\"]";
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> cells = b.findElements(By.cssSelector(css));
                return cells.isEmpty() ? "" : cells.get(0).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static String trunkCell(WebDriver b, String field) {
        return b.findElement(By.cssSelector("#trunk [data-field=\"" + field + "\"]")).getText();
    }

    /** A trunk that refuses Candor: 403 Forbidden to every REGISTER, echoing the headers that match it. */
    private static void answerEveryRegisterWith403(java.net.DatagramSocket socket) {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                String request = new String(packet.getData(), 0, packet.getLength(), java.nio.charset.StandardCharsets.UTF_8);
                if (!request.startsWith("REGISTER ")) {
                    continue;
                }
                StringBuilder response = new StringBuilder("SIP/2.0 403 Forbidden\r\n");
                request.lines().filter(l -> l.matches("(?i)(via|from|to|call-id|cseq):.*"))
                        .forEach(l -> response.append(l).append(l.regionMatches(true, 0, "To:", 0, 3) ? ";tag=trunk" : "")
                                .append("\r\n"));
                byte[] bytes = response.append("Content-Length: 0\r\n\r\n").toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                socket.send(new java.net.DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
            } catch (java.io.IOException e) {
                return; // closed at the end of the test
            }
        }
    }

    @Test
    void supervisorClicksListenThenBargeOnACallCandorIsHandling() throws Exception {
        Path data = tmp.resolve("data");
        addUsers(data);
        int supervisorSipPort = Sipp.freeUdpPort();
        PasswordHasher hasher = new PasswordHasher();
        try (Database db = Database.open(data)) {
            new UserStore(db).saveUser("sam", hasher.hash(PASSWORD.toCharArray()), "supervisor", Optional.empty(),
                    Optional.of("sip:sam@127.0.0.1:" + supervisorSipPort), Instant.now());
        }
        try (RtpPeer caller = new RtpPeer(); RtpPeer supervisor = new RtpPeer();
             CandorApplication candor = CandorUnderTest.start(data, Sipp.freeUdpPort(), 10)) {
            WebDriver b = startBrowser();
            logIn(b, candor.httpPort(), "sam");
            Sipp supervisorPhone = Sipp.start(tmp, "supervisor", "phone-uas-waits.xml",
                    "-p", String.valueOf(supervisorSipPort), "-key", "agent_rtp_port", String.valueOf(supervisor.port()));
            Sipp callerPhone = Sipp.start(tmp, "caller", "caller-hangs-up.xml",
                    "127.0.0.1:" + candor.sipAddress().getPort(), "-s", "candor", "-d", "9000",
                    "-p", String.valueOf(Sipp.freeUdpPort()), "-key", "caller_rtp_port", String.valueOf(caller.port()));
            await().atMost(Duration.ofSeconds(15)).until(() -> liveText(b).contains("AI assistant"));

            // Candor handles the call: whisper is not offered.
            assertThat(b.findElement(By.cssSelector("#live .call button[data-mode=whisper]")).isEnabled()).isFalse();
            b.findElement(By.cssSelector("#live .call button[data-mode=listen]")).click();
            await().atMost(Duration.ofSeconds(10)).until(supervisor::hasRemote);
            caller.startTone(1100);
            supervisor.startTone(700);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    liveStatus(b).equals("supervised:listen"));
            long listening = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> supervisor.framesWithTone(listening, 1100) > 10);
            assertThat(caller.framesWithTone(listening, 700)).as("nobody hears a listening supervisor").isLessThan(3);

            b.findElement(By.cssSelector("#live .call button[data-mode=barge]")).click();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    liveStatus(b).equals("supervised:barge"));
            long barging = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> caller.framesWithTone(barging, 700) > 10);

            assertThat(callerPhone.await(30)).as(callerPhone.output()).isZero();
            assertThat(supervisorPhone.await(30)).as("one call to the supervisor for both modes: "
                    + supervisorPhone.output()).isZero();
        }
    }
}
