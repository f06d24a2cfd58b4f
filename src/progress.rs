//! Progress of a long build on a terminal: stage, count and rate.
//!
//! Shown only on a terminal, only once a build has taken more than a second
//! (short builds stay quiet), and never with `--quiet`.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// After this long, progress appears.
const DELAY: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    shown: bool,
}

impl Progress {
    /// Progress on standard error when `enabled` and it is a terminal.
    pub fn new(enabled: bool) -> Progress {
        let bar = (enabled && std::io::IsTerminal::is_terminal(&std::io::stderr())).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {prefix:>14} {pos:>7}/{len:7} files {per_sec:>12} {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            shown: false,
        }
    }

    /// No progress at all.
    pub fn hidden() -> Progress {
        Progress::new(false)
    }

    pub fn stage(&mut self, name: &str, files: usize) {
        if let Some(bar) = &self.bar {
            bar.set_prefix(name.to_string());
            bar.set_position(0);
            bar.set_length(files as u64);
        }
        self.tick();
    }

    pub fn inc(&mut self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        self.tick();
    }

    fn tick(&mut self) {
        if let Some(bar) = &self.bar
            && !self.shown
            && self.start.elapsed() > DELAY
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Clears the bar, so the summary line stands alone.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
