//! A hostile server on 127.0.0.1 against every provider: it reflects the request (secrets
//! included), streams gigabytes (with a Content-Length and chunked), trickles one byte at a time,
//! nests JSON a million deep, redirects, and resets the connection. For each, `checkout create`
//! and `status check` (with `--verbose`) must end with a sensible exit code, in bounded time and
//! memory (measured with wait4), and with no secret in any output.

use crate::common::*;
use crate::leaks::{Secrets, leaky_config, strings};
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

#[derive(Clone, Copy, Debug)]
enum Mode {
    Reflect,
    StreamLength,
    StreamChunked,
    Trickle,
    Nested,
    Redirect,
    Reset,
}

/// A server that treats every connection the way `mode` says.
fn hostile_server(mode: Mode) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let request = read_request(&mut stream);
                let _ = serve(mode, &mut stream, &request);
            });
        }
    });
    url
}

fn serve(mode: Mode, s: &mut TcpStream, request: &[u8]) -> std::io::Result<()> {
    s.set_write_timeout(Some(Duration::from_secs(30)))?;
    match mode {
        Mode::Reflect => {
            let text = String::from_utf8_lossy(request);
            let body = format!("<html><body><h1>400 Bad Request</h1><pre>{text}</pre></body></html>");
            let mut headers = String::new();
            for (i, line) in text.lines().skip(1).take_while(|l| !l.is_empty()).enumerate() {
                headers.push_str(&format!("X-Echo-{i}: {line}\r\n"));
            }
            write!(
                s,
                "HTTP/1.1 400 X\r\nContent-Type: text/html\r\n{headers}Content-Length: {}\r\n\r\n{body}",
                body.len()
            )
        }
        Mode::StreamLength | Mode::StreamChunked => {
            let chunked = matches!(mode, Mode::StreamChunked);
            let framing =
                if chunked { "Transfer-Encoding: chunked".to_string() } else { "Content-Length: 4294967296".into() };
            write!(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\n\r\n")?;
            let start = b"{\"pad\":\"";
            if chunked {
                write!(s, "{:x}\r\n", start.len())?;
            }
            s.write_all(start)?;
            if chunked {
                s.write_all(b"\r\n")?;
            }
            let block = vec![b'a'; 64 * 1024];
            for _ in 0..(4u64 << 30) / block.len() as u64 {
                if chunked {
                    write!(s, "{:x}\r\n", block.len())?;
                }
                s.write_all(&block)?;
                if chunked {
                    s.write_all(b"\r\n")?;
                }
            }
            Ok(())
        }
        Mode::Trickle => {
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")?;
            for _ in 0..600 {
                s.write_all(b" ")?;
                std::thread::sleep(Duration::from_millis(100));
            }
            Ok(())
        }
        Mode::Nested => {
            let body = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
            write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
        }
        Mode::Redirect => {
            s.write_all(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/elsewhere\r\nContent-Length: 0\r\n\r\n")
        }
        Mode::Reset => {
            // SO_LINGER 0: close() sends RST instead of FIN.
            let linger = libc::linger { l_onoff: 1, l_linger: 0 };
            use std::os::fd::AsRawFd;
            // SAFETY: a valid socket and a correctly sized option value.
            unsafe {
                libc::setsockopt(
                    s.as_raw_fd(),
                    libc::SOL_SOCKET,
                    libc::SO_LINGER,
                    (&linger as *const libc::linger).cast(),
                    std::mem::size_of::<libc::linger>() as libc::socklen_t,
                );
            }
            Ok(())
        }
    }
}

/// The exit codes that make sense for each behaviour: 3 or 5 for a refusal page, 4 for a broken
/// or stalled connection (and for a create whose answer could not be read: it may exist), 5 for
/// an answer that is not one.
fn sensible(mode: Mode, create: bool) -> &'static [i32] {
    match (mode, create) {
        (Mode::Reflect, _) => &[3, 5],
        (Mode::StreamLength | Mode::StreamChunked, false) => &[5],
        (Mode::StreamLength | Mode::StreamChunked, true) => &[4],
        (Mode::Trickle | Mode::Reset, _) => &[4],
        (Mode::Nested | Mode::Redirect, _) => &[5],
    }
}

const MODES: [Mode; 7] =
    [Mode::Reflect, Mode::StreamLength, Mode::StreamChunked, Mode::Trickle, Mode::Nested, Mode::Redirect, Mode::Reset];

#[test]
fn hostile_servers_against_every_provider() {
    // One config for every provider with distinctive secrets; each mode gets its own base URL.
    let placeholder = "http://127.0.0.1:1";
    let env = TestEnv { sandbox_url: Some(placeholder.into()), ..TestEnv::new() };
    let mut secrets = Secrets { needles: Vec::new() };
    let (config, vars, profiles) = leaky_config(&env, placeholder, &mut secrets);
    assert_eq!(profiles.len(), 4, "{profiles:?}");
    let amount = |p: &str| match p {
        "leak-paycools" => "50.00",
        "leak-payfect" => "20",
        _ => "150000",
    };
    std::thread::scope(|scope| {
        for mode in MODES {
            let (env, secrets, vars, profiles, config) = (&env, &secrets, &vars, &profiles, &config);
            scope.spawn(move || {
                let url = hostile_server(mode);
                let dir = env.path(&format!("{mode:?}"));
                std::fs::create_dir_all(&dir).unwrap();
                let cfg = dir.join("config.toml");
                std::fs::write(&cfg, config.replace(placeholder, &url)).unwrap();
                set_mode(&cfg, 0o600);
                for p in profiles.iter() {
                    let common = ["--config", cfg.to_str().unwrap(), "-p", p, "-v", "--timeout", "2"];
                    // Payfect's hosted page collects the customer's details itself.
                    let customer: &[&str] = if *p == "leak-payfect" {
                        &[]
                    } else {
                        &["--customer-name", "Budi Santoso", "--product-name", "Batik Tulis"]
                    };
                    let create = [&common[..], &["checkout", "create", "--amount", amount(p)], customer].concat();
                    // An id each provider takes: a merchant order id, or Payfect's own reference (a UUID).
                    let id = if *p == "leak-payfect" { "3f2b8c1e-6d4a-4b7e-9c1f-2a5d8e7b0c44" } else { "PC1234567890" };
                    let status = [&common[..], &["status", "check", id, "--retries", "1", "--budget", "5s"]].concat();
                    for (args, is_create) in [(create, true), (status, false)] {
                        let mut cmd = env.std_cmd();
                        cmd.args(&args);
                        for (k, v) in vars {
                            cmd.env(k, v);
                        }
                        let m = run_measured(cmd, Duration::from_secs(60));
                        let what = format!("{mode:?}: paycli {args:?}");
                        secrets.assert_absent(&strings(&args), &m.run);
                        assert!(
                            sensible(mode, is_create).contains(&m.run.code),
                            "{what} exited {}:\n{}",
                            m.run.code,
                            m.run.all()
                        );
                        assert!(m.elapsed < Duration::from_secs(20), "{what} took {:?}", m.elapsed);
                        assert!(m.max_rss_kib < 200 * 1024, "{what} used {} MiB", m.max_rss_kib / 1024);
                        assert!(
                            !m.run.stderr.contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".repeat(100).as_str())
                        );
                    }
                }
            });
        }
    });
}
