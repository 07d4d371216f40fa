//! Password hashing off the async workers. A scrypt hash takes tens of milliseconds
//! and 32 MiB: run on an async worker, a burst of logins stalls every other request;
//! run on tokio's blocking pool without a bound, a burst of a thousand logins asks
//! for a thousand threads and 32 GiB. These run on the blocking pool, at most as many
//! at once as the machine has cores; the rest wait their turn without holding a
//! thread or the memory.

use std::sync::LazyLock;

use tokio::sync::Semaphore;

/// How many hashes run at once.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Semaphore::new(cores)
});

/// [`generate_password_hash`](super::generate_password_hash) on the blocking pool,
/// with at most one hash per core at a time: use it from handlers.
///
/// ```
/// use framework_sessions::password::{check_password_hash_async, generate_password_hash_async};
///
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let hash = generate_password_hash_async("correct horse".to_owned()).await;
/// assert!(check_password_hash_async(hash, "correct horse".to_owned()).await);
/// # });
/// ```
pub async fn generate_password_hash_async(password: String) -> String {
    bounded(&HASHING, move || super::generate_password_hash(&password)).await
}

/// [`check_password_hash`](super::check_password_hash) on the blocking pool, with at
/// most one hash per core at a time: use it from handlers.
pub async fn check_password_hash_async(hash: String, password: String) -> bool {
    bounded(&HASHING, move || {
        super::check_password_hash(&hash, &password)
    })
    .await
}

/// Runs `work` on the blocking pool once `limit` gives a permit. A panic in `work`
/// is raised again here, as if it had run inline.
async fn bounded<T: Send + 'static>(
    limit: &Semaphore,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    // The semaphore is never closed.
    let _permit = limit
        .acquire()
        .await
        .expect("the hashing semaphore is open");
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(error) => panic!("the blocking pool stopped while hashing: {error}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_run_at_once_than_the_limit_allows() {
        let limit = Arc::new(Semaphore::new(2));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (limit, running, most) = (limit.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    bounded(&limit, move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(20));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_async_worker_goes_on_while_a_hash_runs() {
        let hash = tokio::spawn(generate_password_hash_async("secret".to_owned()));
        // On a single-threaded runtime this task runs while the hash is computed
        // elsewhere; inline hashing would have finished it first.
        tokio::task::yield_now().await;
        assert!(!hash.is_finished());
        let hash = hash.await.unwrap();
        assert!(check_password_hash_async(hash.clone(), "secret".to_owned()).await);
        assert!(!check_password_hash_async(hash, "wrong".to_owned()).await);
    }

    #[tokio::test]
    async fn a_panic_in_the_work_is_raised_in_the_caller() {
        let limit = Semaphore::new(1);
        let caught = futures_util::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(bounded(
            &limit,
            || panic!("broken"),
        )))
        .await;
        assert!(caught.is_err());
        // The permit came back.
        assert_eq!(limit.available_permits(), 1);
    }
}
