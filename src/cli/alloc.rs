//! The binary's allocator: the system's, until [`use_mimalloc`] hands new allocations to
//! mimalloc for the rest of the process.
//!
//! Indexing allocates and frees many small strings on several threads while tantivy's buffers
//! come and go; over a long run the system allocator fragments (4x the AllSides corpus: 205 vs
//! 175 CPU-seconds, 861 vs 612 MB peak RSS with mimalloc, which stays at its 1x peak). A process
//! that answers one query is better off with the system allocator: mimalloc's first allocations
//! map and fault fresh memory, about 0.3-0.5 ms of a 6 ms search. So `index` and `extract`
//! switch (extraction alone runs about 10% faster on mimalloc: `cargo bench --bench extract`
//! uses it too), and the query commands do not.
//!
//! A block is freed (or grown) by the allocator that made it: once mimalloc is on, a block is
//! mimalloc's when it lies in mimalloc's heap (`mi_is_in_heap_region`, a page-map lookup that
//! `mi_free` does anyway), otherwise it was made by the system allocator before the switch.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// Whether new allocations go to mimalloc. Only ever goes from false to true.
static MIMALLOC: AtomicBool = AtomicBool::new(false);

/// Hands every later allocation of the process to mimalloc.
pub fn use_mimalloc() {
    MIMALLOC.store(true, Ordering::SeqCst);
}

/// See the module's documentation.
pub struct Switch;

fn mimallocs(ptr: *mut u8) -> bool {
    // SAFETY: `mi_is_in_heap_region` only reads mimalloc's page map, for any address.
    MIMALLOC.load(Ordering::Relaxed)
        && unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr as *const std::ffi::c_void) }
}

// SAFETY: each call goes to one of two allocators that uphold `GlobalAlloc`'s contract, and a
// block is always freed or resized by the one that made it (see the module's documentation).
unsafe impl GlobalAlloc for Switch {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if MIMALLOC.load(Ordering::Relaxed) {
            unsafe { MiMalloc.alloc(layout) }
        } else {
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if MIMALLOC.load(Ordering::Relaxed) {
            unsafe { MiMalloc.alloc_zeroed(layout) }
        } else {
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if mimallocs(ptr) {
            unsafe { MiMalloc.dealloc(ptr, layout) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if mimallocs(ptr) {
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        } else {
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_made_before_the_switch_are_freed_and_grown_after_it() {
        let layout = Layout::from_size_align(64, 8).unwrap();
        // SAFETY: every block is written within its size and freed once, by `Switch`.
        unsafe {
            let before = Switch.alloc(layout);
            before.write_bytes(7, 64);
            let grown_before = Switch.alloc(layout);
            use_mimalloc();
            assert!(!mimallocs(before));
            let after = Switch.alloc(layout);
            assert!(mimallocs(after));
            after.write_bytes(9, 64);
            let grown = Switch.realloc(grown_before, layout, 4096);
            assert!(!grown.is_null());
            let grown_after = Switch.realloc(after, layout, 4096);
            assert_eq!(*grown_after.add(63), 9);
            assert!(mimallocs(grown_after));
            assert_eq!(*before.add(63), 7);
            Switch.dealloc(before, layout);
            Switch.dealloc(grown, Layout::from_size_align(4096, 8).unwrap());
            Switch.dealloc(grown_after, Layout::from_size_align(4096, 8).unwrap());
        }
    }
}
