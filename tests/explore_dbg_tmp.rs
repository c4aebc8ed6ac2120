use interleave::runtime::threads::explore::*;
use interleave::runtime::threads::policy::Policy;
#[test]
fn dbg() {
    let src = std::fs::read_to_string("tests/explore/lost_update.py").unwrap();
    let h = ExploreHandle::new(Schedule::default());
    let r = interleave::session::run(&src, &interleave::session::RunOptions { schedule: Policy::Explore(h.clone()), trace: false, ..Default::default() });
    println!("{}", r.stdout(false));
    for c in h.lock().log.iter() { println!("{:?} {:?} d={} p={}", c.options.iter().map(|t| t.0).collect::<Vec<_>>(), c.accesses, c.default, c.preemptive); }
}
