//! The trace's resources: every lock, semaphore, event, condition and queue of a run,
//! asyncio's, threading's and multiprocessing's alike, gets an id and a display name.

use crate::trace::{EventKind, ResourceKind};
use crate::vm::Vm;

/// Register a new resource in the trace. It is named by kind and creation order
/// (`Lock #1`, `Queue #2`), the name reports and the timeline use.
pub fn new_resource(vm: &mut Vm, kind: ResourceKind, capacity: Option<i64>) -> u32 {
    let id = vm.rt.fresh_id();
    let label = resource_label(kind);
    let n = vm.rt.resource_counts.entry(label).or_insert(0);
    *n += 1;
    let name = format!("{label} #{n}");
    vm.rt.resource_names.insert(id, name.clone());
    vm.record(EventKind::ResourceCreated { resource: id, kind, name, capacity });
    id
}

fn resource_label(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::Lock => "Lock",
        ResourceKind::Semaphore => "Semaphore",
        ResourceKind::BoundedSemaphore => "BoundedSemaphore",
        ResourceKind::Event => "Event",
        ResourceKind::Condition => "Condition",
        ResourceKind::Queue => "Queue",
        ResourceKind::PriorityQueue => "PriorityQueue",
        ResourceKind::LifoQueue => "LifoQueue",
    }
}

/// The display name of a resource (`Lock #1`).
pub fn resource_name(vm: &Vm, id: u32) -> String {
    vm.rt.resource_names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}

