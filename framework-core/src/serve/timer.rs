//! The timer behind `REQUEST_HEADER_TIMEOUT`: one per connection, moved for each
//! request head rather than made again.
//!
//! hyper asks its timer for a new sleep every time it starts reading a head and
//! drops it once the head is in. With tokio's timer that is, on every request, a
//! timer entry put into the runtime's wheel and taken out again. Here every sleep of
//! one connection shares one tokio timer: a head's sleep moves that timer's deadline
//! to its own, which for a later deadline is one atomic exchange (the wheel keeps
//! the entry where it is and, when that slot comes round, files it again for the
//! deadline it now has). A timer that fires while no head is being read wakes the
//! connection once, which finds nothing to do.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// One connection's timer, given to hyper for that connection only.
pub(super) struct ConnectionTimer {
    shared: Arc<Shared>,
}

/// The connection's one tokio timer, made when a head first has to wait.
///
/// A `Mutex` because hyper wants its sleeps `Send` and `Sync`; only the connection's
/// own task ever takes it, so it is never contended.
type Shared = Mutex<Option<Pin<Box<tokio::time::Sleep>>>>;

impl ConnectionTimer {
    pub(super) fn new() -> Self {
        ConnectionTimer {
            shared: Arc::new(Mutex::new(None)),
        }
    }
}

impl hyper::rt::Timer for ConnectionTimer {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn hyper::rt::Sleep>> {
        self.sleep_until(self.now() + duration)
    }

    fn sleep_until(&self, deadline: Instant) -> Pin<Box<dyn hyper::rt::Sleep>> {
        Box::pin(HeadSleep {
            deadline: deadline.into(),
            shared: Arc::clone(&self.shared),
        })
    }

    // tokio's clock, so a test that pauses time moves this timer too.
    fn now(&self) -> Instant {
        tokio::time::Instant::now().into()
    }
}

/// One head's wait: done when the connection's timer passes this deadline.
struct HeadSleep {
    deadline: tokio::time::Instant,
    shared: Arc<Shared>,
}

impl Future for HeadSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let deadline = self.deadline;
        let mut timer = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        let timer = timer.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if timer.deadline() != deadline {
            timer.as_mut().reset(deadline);
        }
        timer.as_mut().poll(cx)
    }
}

impl hyper::rt::Sleep for HeadSleep {}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::rt::Timer;

    /// Polls `sleep` once, as hyper does while a head has not arrived: true if it
    /// is still waiting.
    async fn waits(sleep: &mut Pin<Box<dyn hyper::rt::Sleep>>) -> bool {
        std::future::poll_fn(|cx| Poll::Ready(sleep.as_mut().poll(cx).is_pending())).await
    }

    #[tokio::test(start_paused = true)]
    async fn each_sleep_ends_at_its_own_deadline_on_the_one_timer() {
        let timer = ConnectionTimer::new();
        let start = tokio::time::Instant::now();

        timer.sleep(Duration::from_secs(10)).await;
        assert_eq!(start.elapsed(), Duration::from_secs(10));

        // A later head: the same timer moved on.
        let mut first = timer.sleep(Duration::from_secs(5));
        assert!(waits(&mut first).await);
        drop(first);
        tokio::time::advance(Duration::from_secs(1)).await;
        timer.sleep(Duration::from_secs(7)).await;
        assert_eq!(start.elapsed(), Duration::from_secs(18));
    }

    #[tokio::test(start_paused = true)]
    async fn a_sleep_dropped_early_leaves_the_next_one_its_full_time() {
        let timer = ConnectionTimer::new();
        let start = tokio::time::Instant::now();
        let mut head = timer.sleep(Duration::from_secs(2));
        assert!(waits(&mut head).await);
        drop(head);
        // The first deadline passes while no head is read: nothing ends.
        tokio::time::advance(Duration::from_secs(3)).await;
        timer.sleep(Duration::from_secs(4)).await;
        assert_eq!(start.elapsed(), Duration::from_secs(7));
    }
}
