//! Drives Debian's Chromium through its own chromedriver, one of each per journey, with a
//! fresh profile; takes a screenshot of every step, runs axe-core on every page, and leaves
//! the screenshot and the HTML behind when a journey fails.

use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use base64::Engine;
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The WCAG 2.1 A and AA rules; axe's best practices are not part of the bar.
const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const WAIT: Duration = Duration::from_secs(10);
/// A journey that hangs fails after this long, with its screenshot, rather than stalling
/// the test run.
const JOURNEY_LIMIT: Duration = Duration::from_secs(120);

pub struct Tools {
    chromium: PathBuf,
    chromedriver: PathBuf,
    axe: String,
}

fn tool(env: &str, default: &str) -> PathBuf {
    std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| default.into())
}

fn find_tools() -> Result<Tools, String> {
    let chromium = tool("WERKCONF_CHROMIUM", CHROMIUM);
    let chromedriver = tool("WERKCONF_CHROMEDRIVER", CHROMEDRIVER);
    let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    if !chromium.is_file() {
        return Err(format!(
            "no Chromium at {} (apt-get install chromium)",
            chromium.display()
        ));
    }
    if !chromedriver.is_file() {
        return Err(format!(
            "no chromedriver at {} (apt-get install chromium-driver)",
            chromedriver.display()
        ));
    }
    let axe = std::fs::read_to_string(&axe)
        .map_err(|_| format!("no axe-core at {} (run npm ci)", axe.display()))?;
    Ok(Tools {
        chromium,
        chromedriver,
        axe,
    })
}

static TOOLS: OnceLock<Result<Tools, String>> = OnceLock::new();
static SKIPPED: AtomicUsize = AtomicUsize::new(0);

/// The browser and axe, or None after saying loudly why this test is skipped. Under any
/// non-empty CI (CI=1, CI=yes, CI=true…) a missing tool fails the test, so a broken
/// install cannot pass as a skip.
fn tools(test: &str) -> Option<&'static Tools> {
    match TOOLS.get_or_init(find_tools) {
        Ok(tools) => Some(tools),
        Err(reason) => {
            if std::env::var("CI").is_ok_and(|v| !v.trim().is_empty()) {
                panic!("CI is set, but the browser tests cannot run: {reason}");
            }
            let n = SKIPPED.fetch_add(1, Ordering::SeqCst) + 1;
            // Straight to stderr, past the test harness's capture, so the skip shows
            // without --nocapture too.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED browser test {test}: {reason} ({n} browser test(s) skipped so far)"
            );
            None
        }
    }
}

/// The screen a journey runs on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Device {
    /// A laptop window, 1280x900.
    Desktop,
    /// A phone: a 390x844 viewport at twice the pixels, with touch.
    Phone,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub device: Device,
    pub javascript: bool,
}

pub const DESKTOP: Options = Options {
    device: Device::Desktop,
    javascript: true,
};
pub const PHONE: Options = Options {
    device: Device::Phone,
    javascript: true,
};
pub const PHONE_WITHOUT_JS: Options = Options {
    device: Device::Phone,
    javascript: false,
};

/// chromedriver on a free port; killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    async fn start(path: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}/"),
        };
        let deadline = Instant::now() + WAIT;
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn capabilities(tools: &Tools, options: Options, profile: &Path) -> serde_json::Map<String, Value> {
    let args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-quic".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--lang=nl-NL".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let prefs = json!({ "intl.accept_languages": "nl-NL,nl" });
    let mut chrome = json!({
        "binary": tools.chromium,
        "args": args,
        "prefs": prefs,
    });
    match options.device {
        Device::Desktop => chrome["args"]
            .as_array_mut()
            .unwrap()
            .push(json!("--window-size=1280,900")),
        Device::Phone => {
            chrome["mobileEmulation"] = json!({
                "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0, "touch": true, "mobile": true },
                "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0 Mobile Safari/537.36",
            })
        }
    }
    let mut caps = json!({ "browserName": "chrome", "goog:chromeOptions": chrome });
    if !options.javascript {
        // chromedriver's own wait for a page to load stalls without scripts; the journey
        // waits for the next page itself (`and_wait_for_next_page`).
        caps["pageLoadStrategy"] = json!("none");
    }
    caps.as_object().unwrap().clone()
}

pub fn screenshots_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/screenshots")
}

/// Runs one journey in a fresh browser. The body gets a [`Browser`]; when it panics, the
/// page as it was is saved as `FAILED.png` and `FAILED.html` in the journey's folder.
pub async fn journey<F, Fut>(name: &str, options: Options, body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(tools) = tools(name) else { return };
    let dir = screenshots_root().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let profile = std::env::temp_dir().join(format!("werkconf-chromium-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&profile).expect("profile folder");

    let driver = Driver::start(&tools.chromedriver).await;
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(capabilities(tools, options, &profile))
        .connect(&driver.url)
        .await
        .expect("a Chromium session");
    let browser = Browser {
        client: client.clone(),
        dir: dir.clone(),
        step: Arc::new(AtomicUsize::new(0)),
        axe: &tools.axe,
        options,
    };
    if !options.javascript {
        // What DevTools' "Disable JavaScript" does: pages run no script, while chromedriver
        // keeps working. (The content setting and --blink-settings=scriptEnabled=false
        // also block chromedriver's own scripts, so every click waits for its timeout.)
        client
            .issue_cmd(Cdp {
                cmd: "Emulation.setScriptExecutionDisabled",
                params: json!({ "value": true }),
            })
            .await
            .expect("JavaScript off");
    }
    let mut task = tokio::spawn(body(browser.clone()));
    let outcome = tokio::time::timeout(JOURNEY_LIMIT, &mut task).await;
    if !matches!(outcome, Ok(Ok(()))) {
        task.abort();
        browser.save_failure().await;
    }
    let _ = client.close().await;
    drop(driver);
    let _ = std::fs::remove_dir_all(&profile);
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("journey {name}: {e}"),
        },
        Err(_) => panic!("journey {name} took longer than {JOURNEY_LIMIT:?}"),
    }
}

/// A chromedriver command fantoccini has no method for: a DevTools call, here used for
/// screenshots of the whole page rather than the viewport.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// One browser session, as the journeys use it: by CSS selectors, labels and keys.
#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    dir: PathBuf,
    step: Arc<AtomicUsize>,
    axe: &'static str,
    options: Options,
}

impl Browser {
    pub fn javascript(&self) -> bool {
        self.options.javascript
    }

    pub async fn goto(&self, url: &str) {
        self.and_wait_for_next_page(self.client.goto(url))
            .await
            .expect("navigate");
    }

    /// Follows a link or presses a button: with a tap or click, or, without JavaScript, with
    /// Enter from the keyboard (chromedriver's mouse input waits for scripts that never run
    /// when JavaScript is off, so each click would stall for half a minute).
    async fn activate(&self, target: &Element) -> Result<(), fantoccini::error::CmdError> {
        if self.options.javascript {
            target.click().await
        } else {
            target.send_keys(&char::from(Key::Enter).to_string()).await
        }
    }

    /// The element, waiting briefly for it to appear.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Waits (briefly) until an element of this tag holds the text, as when it arrives
    /// without a reload.
    pub async fn wait_for_text(&self, tag: &str, text: &str) -> Element {
        let xpath = format!("//{tag}[contains(normalize-space(.), '{text}')]");
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no {tag} with {text:?}: {e}"))
    }

    /// Requests to addresses matching these patterns fail as if the network were gone
    /// (Chrome DevTools' Network.setBlockedURLs); an empty list lets everything through.
    pub async fn block_urls(&self, patterns: &[&str]) {
        let cdp = |cmd, params| self.client.issue_cmd(Cdp { cmd, params });
        cdp("Network.enable", json!({}))
            .await
            .expect("network domain");
        cdp("Network.setBlockedURLs", json!({ "urls": patterns }))
            .await
            .expect("block urls");
    }

    pub async fn exists(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .expect("find")
            .is_empty()
    }

    /// Clicks a link or button and waits for the page it leads to.
    pub async fn click(&self, css: &str) {
        let target = self.find(css).await;
        self.and_wait_for_next_page(self.activate(&target))
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Clicks the link or button whose visible text is exactly `text`, and waits for the
    /// page it leads to.
    pub async fn click_text(&self, text: &str) {
        let xpath =
            format!("//a[normalize-space(.)='{text}'] | //button[normalize-space(.)='{text}']");
        let target = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no link or button '{text}': {e}"));
        self.and_wait_for_next_page(self.activate(&target))
            .await
            .unwrap_or_else(|e| panic!("click '{text}': {e}"));
    }

    /// Presses keys that load a new page (Enter on a link or submit button) and waits for it.
    pub async fn press_and_wait(&self, keys: &str) {
        let focused = self.client.active_element().await.expect("focused element");
        self.and_wait_for_next_page(focused.send_keys(keys))
            .await
            .expect("press keys");
    }

    /// Runs `action` and returns once the page it started from is gone and the next one has
    /// loaded. A click on a submit button may return before the browser has navigated; the
    /// old page's root element going stale tells, with or without JavaScript.
    async fn and_wait_for_next_page(
        &self,
        action: impl Future<Output = Result<(), fantoccini::error::CmdError>>,
    ) -> Result<(), fantoccini::error::CmdError> {
        let old = self.client.find(Locator::Css("html")).await?;
        action.await?;
        let deadline = Instant::now() + WAIT;
        while old.attr("lang").await.is_ok() {
            assert!(Instant::now() < deadline, "no new page loaded");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        self.find("body").await;
        Ok(())
    }

    /// Types into a field after emptying it, as a person selecting its text would.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("clear");
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Picks the option with this visible text: from the list, or, without JavaScript, by
    /// typing its first letters on the closed select, as keyboard users do.
    pub async fn select(&self, css: &str, label: &str) {
        let select = self.find(css).await;
        let picked = if self.options.javascript {
            select.select_by_label(label).await
        } else {
            select.send_keys(label).await
        };
        picked.unwrap_or_else(|e| panic!("choose '{label}' in {css}: {e}"));
        let chosen = self.text(&format!("{css} option:checked")).await;
        assert_eq!(chosen, label, "chosen in {css}");
    }

    /// Ticks or unticks a checkbox: a tap, or Space without JavaScript.
    pub async fn set_checked(&self, css: &str, checked: bool) {
        let field = self.find(css).await;
        if field.is_selected().await.expect("checked?") != checked {
            if self.options.javascript {
                field.click().await.expect("tick");
            } else {
                field.send_keys(" ").await.expect("tick");
            }
        }
        assert_eq!(self.is_checked(css).await, checked, "{css} ticked");
    }

    pub async fn is_checked(&self, css: &str) -> bool {
        self.find(css).await.is_selected().await.expect("checked?")
    }

    /// The value of a form field (the `value` property, as the form would send it).
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    pub async fn title(&self) -> String {
        self.client.title().await.expect("title")
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Runs a script in the page and returns what it returns.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Presses keys (see `fantoccini::key::Key`) on whatever has focus.
    pub async fn press(&self, keys: &str) {
        self.client
            .active_element()
            .await
            .expect("focused element")
            .send_keys(keys)
            .await
            .expect("press keys");
    }

    /// A screenshot of the whole page, `NN-step.png` in the journey's folder.
    pub async fn shot(&self, step: &str) {
        let n = self.step.fetch_add(1, Ordering::SeqCst) + 1;
        eprintln!("step {n:02} {step}");
        let png = self.full_page_png().await;
        std::fs::write(self.dir.join(format!("{n:02}-{step}.png")), png).expect("save screenshot");
    }

    /// One step of a journey: the screenshot, then (with JavaScript) axe on the page.
    pub async fn step(&self, step: &str) {
        self.shot(step).await;
        if self.options.javascript {
            self.assert_accessible(step).await;
        }
    }

    async fn full_page_png(&self) -> Vec<u8> {
        let cdp = |cmd, params| self.client.issue_cmd(Cdp { cmd, params });
        let metrics = cdp("Page.getLayoutMetrics", json!({}))
            .await
            .expect("layout metrics");
        let size = &metrics["cssContentSize"];
        let (width, height) = (
            size["width"].as_f64().unwrap_or(1280.0),
            size["height"].as_f64().unwrap_or(900.0),
        );
        let shot = cdp(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
            }),
        )
        .await;
        match shot
            .ok()
            .and_then(|v| v["data"].as_str().map(str::to_owned))
        {
            Some(data) => base64::engine::general_purpose::STANDARD
                .decode(data)
                .expect("base64 screenshot"),
            None => self.client.screenshot().await.expect("screenshot"),
        }
    }

    /// axe-core on the page as it is now, for WCAG 2.1 A and AA: no violations allowed.
    pub async fn assert_accessible(&self, step: &str) {
        let loaded = self.js("return typeof window.axe === 'object';").await;
        if loaded != Value::Bool(true) {
            self.js(self.axe).await;
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, {
                runOnly: { type: 'tag', values: arguments[0] },
                resultTypes: ['violations'],
            }).then(
                r => done(r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
                }))),
                e => done({ error: String(e) }),
            );
        "#;
        let result = self
            .client
            .execute_async(script, vec![json!(AXE_TAGS)])
            .await
            .expect("axe ran");
        assert!(
            result.get("error").is_none(),
            "axe failed on {step}: {result}"
        );
        let violations = result.as_array().cloned().unwrap_or_default();
        if !violations.is_empty() {
            let mut report = String::new();
            for v in &violations {
                report.push_str(&format!("\n- {} ({}): {}", v["id"], v["impact"], v["help"]));
                for n in v["nodes"].as_array().into_iter().flatten() {
                    report.push_str(&format!(
                        "\n    at {}: {}\n      {}",
                        n["target"],
                        n["html"],
                        n["summary"]
                            .as_str()
                            .unwrap_or_default()
                            .replace('\n', "\n      ")
                    ));
                }
            }
            panic!(
                "axe: {} WCAG 2.1 A/AA violation(s) on {step} ({}):{report}",
                violations.len(),
                self.path().await
            );
        }
    }

    /// Keeps the page as the failure left it, and says where.
    async fn save_failure(&self) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(self.dir.join("FAILED.png"), png);
        }
        if let Ok(html) = self.client.source().await {
            let _ = std::fs::write(self.dir.join("FAILED.html"), html);
        }
        let _ = writeln!(
            std::io::stderr(),
            "browser journey failed: the page is kept in {}/FAILED.png and FAILED.html",
            self.dir.display()
        );
    }
}
