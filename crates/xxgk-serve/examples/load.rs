//! Load test on loopback: the validator page in process, `XXGK_LOAD_CLIENTS` (200) clients at
//! once, each uploading seed 003 (published text) and loading its result page. Prints how many
//! succeeded, the latency percentiles and the throughput; exits non-zero if any request failed.
//!
//!     cargo run --release -p xxgk-serve --example load
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const SEED_003: &[u8] = include_bytes!("../../../corpus/seeds/003_fe18fb2511738761.txt");

fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> Result<(u16, String, Vec<u8>), String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(300)))
        .map_err(|e| e.to_string())?;
    stream
        .write_all(head.as_bytes())
        .map_err(|e| e.to_string())?;
    stream.write_all(body).map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| e.to_string())?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no header end")?;
    let headers = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = headers
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    Ok((status, headers, response[split + 4..].to_vec()))
}

/// One person: upload seed 003, follow the redirect, see the verdict.
fn one(addr: SocketAddr) -> Result<Duration, String> {
    let start = Instant::now();
    let boundary = "xxgk-load";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"003.txt\"\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(SEED_003);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let head = format!(
        "POST /check HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let (status, headers, _) = exchange(addr, &head, &body)?;
    if status != 303 {
        return Err(format!("upload: {status}"));
    }
    let location = headers
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .ok_or("no location")?;
    let head = format!("GET {location} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let (status, _, page) = exchange(addr, &head, b"")?;
    let page = String::from_utf8_lossy(&page);
    if status != 200
        || !page.contains("结论：符合标准")
        || page.matches("<td id=\"cell-").count() != 200
    {
        return Err(format!("result: {status}"));
    }
    Ok(start.elapsed())
}

fn main() -> ExitCode {
    let clients: usize = std::env::var("XXGK_LOAD_CLIENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let (tx, rx) = mpsc::channel();
    let limits = xxgk_serve::Limits::default();
    std::thread::spawn(move || {
        let ready = |addr| {
            let _ = tx.send(addr);
        };
        if let Err(e) = xxgk_serve::run(([127, 0, 0, 1], 0).into(), limits, ready) {
            eprintln!("server: {e}");
        }
    });
    let Ok(addr) = rx.recv() else {
        return ExitCode::FAILURE;
    };
    // Warm up: the first check compiles nothing, but touches every page of the code once.
    if let Err(e) = one(addr) {
        eprintln!("warm-up failed: {e}");
        return ExitCode::FAILURE;
    }
    let start = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| std::thread::spawn(move || one(addr)))
        .collect();
    let mut latencies = Vec::new();
    let mut failures = Vec::new();
    for t in threads {
        match t.join() {
            Ok(Ok(latency)) => latencies.push(latency),
            Ok(Err(e)) => failures.push(e),
            Err(_) => failures.push("client panicked".to_owned()),
        }
    }
    let wall = start.elapsed();
    latencies.sort();
    let pct = |p: usize| {
        latencies
            .get((latencies.len() * p / 100).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{clients} concurrent uploads of seed 003 (upload + result page), {} cores: \
         {} succeeded, {} failed; latency p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms; \
         {:.1} reports/s ({:.2} s wall)",
        limits.checks,
        latencies.len(),
        failures.len(),
        pct(50),
        pct(99),
        pct(100),
        latencies.len() as f64 / wall.as_secs_f64(),
        wall.as_secs_f64()
    );
    for f in failures.iter().take(5) {
        println!("failure: {f}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
