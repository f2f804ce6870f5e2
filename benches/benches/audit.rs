//! Audit log benchmarks: appending 1M events, the root, an inclusion and a consistency
//! proof at 1M, and verifying them; checking a stored log file with 100 checkpoints. `cargo bench -p shuangsuiji-benches --bench audit`.

use criterion::{criterion_group, criterion_main, Criterion};
use shuangsuiji::audit::{
    verify_consistency, verify_inclusion, AuditLog, CheckpointSigner, Event, EventKind, LogFile,
};
use shuangsuiji::encoding::SigningKey;
use shuangsuiji::Digest32;
use std::hint::black_box;

fn event(i: u64) -> Event {
    let mut s = [0u8; 32];
    s[..8].copy_from_slice(&i.to_be_bytes());
    Event {
        kind: EventKind::ResultEntry,
        actor: "省公安厅治安总队".into(),
        time: 1_692_803_700 + i as i64,
        subject: Digest32(s),
        note: format!("R-{i}"),
    }
}

fn audit(c: &mut Criterion) {
    let n: u64 = if std::env::args().any(|a| a == "--bench") {
        1_000_000
    } else {
        10_000
    };
    let events: Vec<Event> = (0..n).map(event).collect();
    let mut g = c.benchmark_group(format!("audit_{n}"));
    g.sample_size(10);
    g.bench_function("append all events (JCS + leaf hash)", |b| {
        b.iter(|| {
            let mut log = AuditLog::new();
            for e in &events {
                log.append(e);
            }
            black_box(log.size())
        })
    });
    let log = AuditLog::from_events(&events);
    g.bench_function("root", |b| b.iter(|| black_box(log.root())));
    let root = log.root();
    g.bench_function("inclusion proof (middle entry)", |b| {
        b.iter(|| black_box(log.inclusion_proof(n / 2, n)))
    });
    let proof = log.inclusion_proof(n / 2, n).unwrap_or_default();
    let leaf = events[(n / 2) as usize].leaf_hash();
    g.bench_function("verify inclusion", |b| {
        b.iter(|| black_box(verify_inclusion(&leaf, n / 2, n, &proof, &root).is_ok()))
    });
    let cproof = log.consistency_proof(n / 3, n).unwrap_or_default();
    let r1 = log.root_at(n / 3).unwrap_or_default();
    g.bench_function("consistency proof n/3 → n", |b| {
        b.iter(|| black_box(log.consistency_proof(n / 3, n)))
    });
    g.bench_function("verify consistency", |b| {
        b.iter(|| black_box(verify_consistency(n / 3, n, &r1, &root, &cproof).is_ok()))
    });
    // A stored log with a signed checkpoint every n/100 events, checked as the CLI's
    // `log verify` and the bindings do (every checkpoint, then the last event's inclusion).
    let mut signer =
        CheckpointSigner::new("bench.example/log", SigningKey::from_bytes(&[7; 32]), None);
    let mut grown = AuditLog::new();
    let mut checkpoints = Vec::new();
    for (i, e) in events.iter().enumerate() {
        grown.append(e);
        if (i as u64 + 1).is_multiple_of(n / 100) {
            checkpoints.push(signer.sign(&grown).map(|c| c.text).unwrap_or_default());
        }
    }
    let file = LogFile {
        origin: "bench.example/log".into(),
        verifier_key: signer.verifier_key(),
        events: events.clone(),
        checkpoints,
    };
    let last = [events[events.len() - 1].subject];
    g.bench_function("verify a log file (100 checkpoints, one subject)", |b| {
        b.iter(|| black_box(file.verify(&file.verifier_key, &last).is_ok()))
    });
    println!(
        "proof sizes at n = {n}: inclusion {} hashes, consistency {} hashes",
        proof.len(),
        cproof.len()
    );
    g.finish();
}

criterion_group!(benches, audit);
criterion_main!(benches);
