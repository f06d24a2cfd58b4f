//! Files written on a thread of their own: creating a file is mostly the
//! kernel's work (a large build creates hundreds of thousands), and it goes
//! on while the next pages are made instead of between them.

use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

/// Batches handed over and not yet written, at most: the memory they hold
/// stays bounded however far the makers run ahead.
const QUEUE: usize = 16;
/// Files are handed over in batches of this many, or fewer of this many
/// bytes in all: handing over each file on its own woke the thread up once
/// a file.
const BATCH_FILES: usize = 32;
const BATCH_BYTES: usize = 1 << 20;

/// A file to write: where, its content, and how to name it in a message.
type Job = (PathBuf, Vec<u8>, String);

pub struct Writer {
    jobs: Option<SyncSender<Vec<Job>>>,
    /// Files not yet handed over, and their size.
    batch: Vec<Job>,
    batch_bytes: usize,
    thread: Option<JoinHandle<Result<(), String>>>,
    /// What the thread ended with, once it has.
    ended: Option<Result<(), String>>,
}

impl Writer {
    pub fn new() -> Writer {
        let (jobs, queue) = sync_channel::<Vec<Job>>(QUEUE);
        let thread = std::thread::spawn(move || {
            for (path, content, shown) in queue.into_iter().flatten() {
                fs::write(&path, &content).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
            }
            Ok(())
        });
        Writer {
            jobs: Some(jobs),
            batch: Vec::with_capacity(BATCH_FILES),
            batch_bytes: 0,
            thread: Some(thread),
            ended: None,
        }
    }

    /// Writes `content` to `path` (whose folder exists), soon; `shown` names
    /// the file in a message. An earlier write that failed is reported here
    /// or by [`Writer::finish`].
    pub fn write(&mut self, path: PathBuf, content: Vec<u8>, shown: String) -> Result<(), String> {
        self.batch_bytes += content.len();
        self.batch.push((path, content, shown));
        if self.batch.len() < BATCH_FILES && self.batch_bytes < BATCH_BYTES {
            return Ok(());
        }
        if self.hand_over() {
            return Ok(());
        }
        // The thread has stopped: at a write that failed.
        self.finish()
            .and(Err("cannot write files after they were all written".into()))
    }

    /// Hands the batch to the thread; false if it has stopped.
    fn hand_over(&mut self) -> bool {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH_FILES));
        self.batch_bytes = 0;
        match &self.jobs {
            Some(jobs) => batch.is_empty() || jobs.send(batch).is_ok(),
            None => false,
        }
    }

    /// Waits until every file handed over is written; the first write that
    /// failed, if any.
    pub fn finish(&mut self) -> Result<(), String> {
        if self.jobs.is_some() {
            self.hand_over();
        }
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            self.ended = Some(match thread.join() {
                Ok(result) => result,
                Err(_) => Err(io::Error::other("the thread writing files stopped").to_string()),
            });
        }
        self.ended.clone().unwrap_or(Ok(()))
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_written_by_the_time_it_finishes() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = Writer::new();
        for i in 0..1000 {
            let path = dir.path().join(format!("{i}.txt"));
            writer
                .write(path, i.to_string().into_bytes(), format!("{i}.txt"))
                .unwrap();
        }
        writer.finish().unwrap();
        for i in 0..1000 {
            let text = fs::read_to_string(dir.path().join(format!("{i}.txt"))).unwrap();
            assert_eq!(text, i.to_string());
        }
    }

    #[test]
    fn a_failed_write_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = Writer::new();
        let missing = dir.path().join("no/such/folder/a.txt");
        let mut result = writer.write(missing, b"x".to_vec(), "out/a.txt".into());
        for i in 0..2 * QUEUE {
            if result.is_err() {
                break;
            }
            result = writer.write(dir.path().join(format!("{i}")), vec![], format!("{i}"));
        }
        let error = result.and_then(|()| writer.finish()).unwrap_err();
        assert!(error.starts_with("cannot write `out/a.txt`"), "{error}");
    }
}
