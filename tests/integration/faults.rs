//! Faults in the middle of a load, served over a real socket: a handler that panics
//! on every call while other routes are hammered beside it, and the session store
//! (a private `redis-server`) stopped and started again while the load goes on.
//! SIGTERM under load is `examples/hello/tests/shutdown.rs`.

use framework_core::config::Config;
use framework_core::prelude::*;
use framework_sessions::Session;
use test_support::load;
use test_support::redis::Redis;

#[get("/hello")]
async fn hello() -> &'static str {
    "Hello, World!"
}

const PANIC: &str = "this handler always panics";

#[get("/panic")]
async fn panics() -> &'static str {
    panic!("{PANIC}")
}

/// Keeps the thousand expected panics of this handler out of the test output (and
/// their backtraces out of its time); every other panic is reported as before.
fn quiet_expected_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = info
                .payload()
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| info.payload().downcast_ref::<&str>().copied());
            if message != Some(PANIC) {
                previous(info);
            }
        }));
    });
}

/// A counter in the session: needs the store on every request.
#[get("/visits")]
async fn visits(session: Session) -> Result<String> {
    let count = session.get::<u32>("visits").await?.unwrap_or(0) + 1;
    session.insert("visits", count).await?;
    Ok(format!("visit {count}"))
}

/// Serves `app` on a free loopback port in a runtime of its own; the port, and what
/// stops it.
fn serve(settings: &[(&str, &str)]) -> (u16, tokio::sync::oneshot::Sender<()>) {
    let config = Config::from_vars(settings.iter().copied()).unwrap();
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let app = App::new()
                .register(routes![hello, panics, visits])
                .configure(&config)
                .unwrap();
            let app = framework_sessions::install(app, &config).await.unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            port_tx.send(listener.local_addr().unwrap().port()).unwrap();
            app.serve_with_shutdown(listener, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
    });
    (port_rx.recv().unwrap(), stop)
}

#[test]
fn a_panicking_handler_under_load_leaves_every_other_request_alone() {
    quiet_expected_panics();
    let (port, stop) = serve(&[("SECRET_KEY", "faults"), ("SESSION_STORE", "memory")]);
    let paths = ["/hello", "/panic", "/visits", "/hello"];
    let tally = load::run(port, 64, 4_000, |i| paths[i % paths.len()].to_owned());
    println!(
        "panics under load: {:?} in {:.2?}, {} errors",
        tally.statuses,
        tally.elapsed,
        tally.errors.len()
    );
    assert!(tally.errors.is_empty(), "{:?}", tally.errors);
    assert_eq!(tally.count("/panic", 500), 1_000);
    assert_eq!(tally.count("/hello", 200), 2_000);
    assert_eq!(tally.count("/visits", 200), 1_000);
    let _ = stop.send(());
}

#[test]
#[ignore = "needs redis: run via cargo xtask test"]
fn a_redis_outage_under_load_is_a_503_on_session_routes_only_and_heals() {
    let dir = test_support::temp_dir("faults-redis");
    let mut redis = Redis::start(&dir);
    let url = redis.url();
    let (port, stop) = serve(&[("SECRET_KEY", "faults"), ("SESSION_STORE", url.as_str())]);

    // A steady load on the route without a session, for the whole outage.
    let running = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let background = {
        let running = running.clone();
        std::thread::spawn(move || {
            let mut total = load::Tally::default();
            while running.load(std::sync::atomic::Ordering::SeqCst) {
                let tally = load::run(port, 16, 800, |_| "/hello".to_owned());
                for (key, n) in tally.statuses {
                    *total.statuses.entry(key).or_default() += n;
                }
                total.errors.extend(tally.errors);
            }
            total
        })
    };
    let visits = |n: usize| load::run(port, 32, n, |_| "/visits".to_owned());

    let before = visits(500);
    assert!(before.errors.is_empty(), "{:?}", before.errors);
    assert_eq!(before.count("/visits", 200), 500, "{:?}", before.statuses);

    redis.stop();
    // Each of these waits for the store's command timeout (2 s), all at once.
    let down = visits(32);
    assert!(down.errors.is_empty(), "{:?}", down.errors);
    assert_eq!(down.count("/visits", 503), 32, "{:?}", down.statuses);

    redis.restart();
    let mut healed = false;
    for _ in 0..100 {
        if visits(1).count("/visits", 200) == 1 {
            healed = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(healed, "the session routes did not recover");
    let after = visits(500);
    assert!(after.errors.is_empty(), "{:?}", after.errors);
    assert_eq!(after.count("/visits", 200), 500, "{:?}", after.statuses);

    running.store(false, std::sync::atomic::Ordering::SeqCst);
    let hello = background.join().unwrap();
    println!(
        "redis outage under load: before {:?}, down {:?} in {:.2?}, after {:?}; /hello meanwhile {:?}, {} errors",
        before.statuses,
        down.statuses,
        down.elapsed,
        after.statuses,
        hello.statuses,
        hello.errors.len()
    );
    assert!(hello.errors.is_empty(), "{:?}", hello.errors);
    assert!(hello.count("/hello", 200) > 0);
    assert_eq!(hello.answered(), hello.count("/hello", 200));
    let _ = stop.send(());
    let _ = std::fs::remove_dir_all(&dir);
}
