//! The CI workflows cannot run here; this checks what can be checked: they
//! parse as YAML, have the jobs the README describes, use the official
//! actions with the permissions they need, and install organogram from a
//! pinned, checksum-verified release binary instead of compiling it.

use yaml_rust2::{Yaml, YamlLoader};

fn load(path: &str) -> Yaml {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(docs.len(), 1, "{path}: one document");
    docs.remove(0)
}

fn key<'a>(y: &'a Yaml, k: &str) -> &'a Yaml {
    &y[k]
}

fn text(y: &Yaml) -> &str {
    y.as_str().unwrap_or("")
}

/// Every step of a job.
fn steps(job: &Yaml) -> &[Yaml] {
    job["steps"].as_vec().map(Vec::as_slice).unwrap_or(&[])
}

/// The `uses:` of every step of a job.
fn actions(job: &Yaml) -> Vec<&str> {
    steps(job)
        .iter()
        .map(|s| text(&s["uses"]))
        .filter(|u| !u.is_empty())
        .collect()
}

/// The whole shell script of a job (every `run:`).
fn scripts(job: &Yaml) -> String {
    steps(job)
        .iter()
        .map(|s| text(&s["run"]))
        .collect::<Vec<_>>()
        .join("\n")
}

fn uses(job: &Yaml, action: &str) -> bool {
    actions(job)
        .iter()
        .any(|u| u.split('@').next() == Some(action) && u.contains('@'))
}

#[test]
fn the_github_example_checks_and_publishes_on_pages() {
    let w = load("docs/ci/github-actions.yml");
    let jobs = key(&w, "jobs");
    let check = &jobs["check"];
    let build = &jobs["build-pages"];
    let deploy = &jobs["deploy-pages"];
    assert!(!check.is_badvalue() && !build.is_badvalue() && !deploy.is_badvalue());

    assert!(scripts(check).contains("organogram check org"));
    assert!(
        scripts(check).contains("--check"),
        "out/ must be up to date"
    );

    // Publishing only on main, after the check.
    let condition = text(&build["if"]);
    assert!(condition.contains("refs/heads/main"), "{condition}");
    assert_eq!(text(&build["needs"]), "check");
    assert!(uses(build, "actions/configure-pages"));
    assert!(uses(build, "actions/upload-pages-artifact"));
    let upload = steps(build)
        .iter()
        .find(|s| text(&s["uses"]).starts_with("actions/upload-pages-artifact"))
        .unwrap();
    // The whole output but the Markdown: the pages link to the chart files
    // beside html/.
    assert!(
        text(&upload["with"]["path"]).ends_with("/site"),
        "the site is the output folder"
    );
    let script = scripts(build);
    assert!(
        script.contains("--site-url \"${{ steps.pages.outputs.base_url }}/html/\""),
        "{script}"
    );
    assert_eq!(
        text(
            &steps(build)
                .iter()
                .find(|s| text(&s["uses"]).starts_with("actions/configure-pages"))
                .unwrap()["id"]
        ),
        "pages"
    );

    assert_eq!(text(&deploy["needs"]), "build-pages");
    assert!(uses(deploy, "actions/deploy-pages"));
    assert_eq!(text(&deploy["permissions"]["pages"]), "write");
    assert_eq!(text(&deploy["permissions"]["id-token"]), "write");
    assert_eq!(text(&deploy["environment"]["name"]), "github-pages");
    assert!(text(&deploy["environment"]["url"]).contains("steps.deployment.outputs.page_url"));
    assert_eq!(text(&steps(deploy)[0]["id"]), "deployment");

    // Nothing has more rights than it needs.
    assert_eq!(text(&w["permissions"]["contents"]), "read");
    assert!(w["permissions"]["pages"].is_badvalue());

    for job in [check, build] {
        let script = scripts(job);
        assert!(!script.contains("cargo install"), "{script}");
        assert!(
            script.contains("releases/download/$ORGANOGRAM_VERSION/"),
            "{script}"
        );
        assert!(script.contains("sha256sum --check"), "{script}");
        assert!(text(&job["steps"][0]["uses"]).starts_with("actions/checkout@"));
        assert_eq!(job["steps"][0]["with"]["fetch-depth"].as_i64(), Some(0));
    }
    assert!(text(&w["env"]["ORGANOGRAM_VERSION"]).starts_with('v'));
    assert!(!text(&w["env"]["ORGANOGRAM_SHA256"]).is_empty());
}

#[test]
fn the_gitlab_example_publishes_public_from_the_default_branch() {
    let w = load("docs/ci/gitlab-ci.yml");
    let pages = &w["pages"];
    let script: Vec<&str> = pages["script"].as_vec().unwrap().iter().map(text).collect();
    let script = script.join("\n");
    assert!(
        script.contains("--site-url \"${CI_PAGES_URL}/html/\""),
        "{script}"
    );
    assert!(script.contains("--out public"), "{script}");
    assert!(script.contains("url=html/index.html"), "{script}");
    let paths: Vec<&str> = pages["artifacts"]["paths"]
        .as_vec()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert_eq!(paths, ["public"]);
    let rule = text(&pages["rules"][0]["if"]);
    assert_eq!(rule, "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
    let check: Vec<&str> = w["check"]["script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert!(check.iter().any(|l| l.contains("--check")));
    let install: Vec<&str> = w["default"]["before_script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    let install = install.join("\n");
    assert!(install.contains("sha256sum --check"), "{install}");
    assert!(!install.contains("cargo install"));
    assert_eq!(text(&w["variables"]["GIT_DEPTH"]), "0");
}

#[test]
fn the_release_workflow_builds_every_platform_with_checksums() {
    let w = load(".github/workflows/release.yml");
    let tags: Vec<&str> = w["on"]["push"]["tags"]
        .as_vec()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert_eq!(tags, ["v*"]);
    let build = &w["jobs"]["build"];
    let targets: Vec<&str> = build["strategy"]["matrix"]["include"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|e| text(&e["target"]))
        .collect();
    for wanted in [
        "x86_64-unknown-linux-musl",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(
            targets.contains(&wanted),
            "{wanted} missing from {targets:?}"
        );
    }
    let script = scripts(build);
    assert!(
        script.contains("cargo build --release --locked --target"),
        "{script}"
    );
    assert!(
        script.contains("sha256sum") && script.contains("shasum -a 256"),
        "{script}"
    );
    assert!(uses(build, "actions/upload-artifact"));

    let release = &w["jobs"]["release"];
    assert_eq!(text(&release["needs"]), "build");
    assert_eq!(text(&release["permissions"]["contents"]), "write");
    assert!(uses(release, "actions/download-artifact"));
    let script = scripts(release);
    assert!(
        script.contains("SHA256SUMS") && script.contains("gh release create"),
        "{script}"
    );
    assert_eq!(text(&w["permissions"]["contents"]), "read");
}

#[test]
fn the_example_installs_the_name_the_release_makes() {
    // The archive the example downloads is one the release workflow makes.
    let example = std::fs::read_to_string("docs/ci/github-actions.yml").unwrap();
    let release = std::fs::read_to_string(".github/workflows/release.yml").unwrap();
    assert!(
        example.contains("asset=\"organogram-${ORGANOGRAM_VERSION}-x86_64-unknown-linux-musl\"")
    );
    assert!(release.contains("name=\"organogram-${GITHUB_REF_NAME}-${{ matrix.target }}\""));
    assert!(release.contains("tar -C dist -czf \"dist/$name.tar.gz\" \"$name\""));
    assert!(example.contains("echo \"$RUNNER_TEMP/$asset\" >> \"$GITHUB_PATH\""));
}
