//! Draw benchmarks: the sample draw end to end, ticket selection at scale, matching, and
//! verification. `cargo bench -p shuangsuiji-benches`; under `cargo test` each runs once
//! as a smoke test.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use shuangsuiji::{draw::*, encoding::*, hazmat::*, registers::fields::*, registers::*, *};
use std::hint::black_box;
use std::path::Path;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/data")
            .join(name),
    )
    .unwrap_or_default()
}

type SampleInputs = (
    ItemList,
    TargetRegister,
    PublicInspectorRegister,
    SignedCommitment,
    Vec<Reveal>,
    BeaconRound,
);

fn sample_inputs() -> SampleInputs {
    sample_inputs_of("draw-sample.json")
}

/// The sample registers and a draw vector's inputs (`rel` under tests/vectors).
fn sample_inputs_of(rel: &str) -> SampleInputs {
    let v: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/vectors")
                .join(rel),
        )
        .unwrap_or_default(),
    )
    .unwrap_or_default();
    let reg: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/registers.json"),
        )
        .unwrap_or_default(),
    )
    .unwrap_or_default();
    let as_of =
        parse_date(reg["inputs"]["as_of"].as_str().unwrap_or_default()).unwrap_or(Date::MIN);
    let mut key = [0u8; 32];
    let _ = hex::decode_to_slice(
        reg["inputs"]["personal_salt_key"]
            .as_str()
            .unwrap_or_default(),
        &mut key,
    );
    let items = import::items(
        &data("items.csv"),
        reg["inputs"]["item_list_version"]
            .as_str()
            .unwrap_or_default(),
    )
    .ok()
    .unwrap_or_else(|| panic!("items"));
    let targets = import::targets(&data("targets.csv"), as_of)
        .ok()
        .unwrap_or_else(|| panic!("targets"));
    let inspectors = import::inspectors(&data("inspectors.csv"), as_of)
        .ok()
        .unwrap_or_else(|| panic!("inspectors"))
        .public_view(&key);
    let c = serde_json::from_value(v["inputs"]["commitment"].clone())
        .ok()
        .unwrap_or_else(|| panic!("commitment"));
    let r = serde_json::from_value(v["inputs"]["reveals"].clone())
        .ok()
        .unwrap_or_else(|| panic!("reveals"));
    let b = serde_json::from_value(v["inputs"]["beacon"].clone())
        .ok()
        .unwrap_or_else(|| panic!("beacon"));
    (items, targets, inspectors, c, r, b)
}

fn sample_draw(c: &mut Criterion) {
    let (items, targets, inspectors, commitment, reveals, beacon) = sample_inputs();
    let inputs = DrawInputs {
        commitment: &commitment,
        item_list: &items,
        targets: &targets,
        inspectors: &inspectors,
        reveals: &reveals,
        beacon: Some(&beacon),
        published: &[],
    };
    let mut g = c.benchmark_group("sample_10k");
    g.sample_size(20);
    g.bench_function("draw (roots, BLS beacon, selection, matching)", |b| {
        b.iter(|| black_box(draw(inputs).ok()))
    });
    let rec = draw(inputs).ok().unwrap_or_else(|| panic!("draw"));
    let mut sealed = SealedRecord::new(rec)
        .ok()
        .unwrap_or_else(|| panic!("seal"));
    sealed.sign("x", &SigningKey::from_bytes(&[1; 32]));
    g.bench_function("seal + sign", |b| {
        b.iter(|| {
            let mut s = SealedRecord::new(sealed.record.clone()).ok();
            if let Some(s) = s.as_mut() {
                s.sign("x", &SigningKey::from_bytes(&[1; 32]))
            }
            black_box(s)
        })
    });
    g.bench_function("target register root", |b| {
        b.iter(|| black_box(targets.root()))
    });
    g.bench_function("import targets.csv", |b| {
        b.iter(|| black_box(import::targets(&data("targets.csv"), targets.as_of()).is_ok()))
    });
    g.finish();
}

fn tickets(c: &mut Criterion) {
    let seed = tagged_hash("bench", &[]);
    let mut g = c.benchmark_group("tickets");
    for n in [10_000u64, 1_000_000] {
        let ids: Vec<String> = (0..n).map(|i| format!("91410100{i:09}X")).collect();
        g.throughput(Throughput::Elements(n));
        g.sample_size(10);
        g.bench_with_input(BenchmarkId::from_parameter(n), &ids, |b, ids| {
            b.iter(|| {
                let mut best = Digest32([0xff; 32]);
                for id in ids {
                    let t = ticket(&seed, id);
                    if t < best {
                        best = t;
                    }
                }
                black_box(best)
            })
        });
    }
    g.finish();
}

/// Issue 20: the ticket path under each suite, side by side — 1,000 kept of 1,000,000
/// tickets, each the hash of `tag ‖ subseed ‖ u32(len id) ‖ id` (the spec's bytes; SHA-256
/// through `ticket()`, SM3 over the same bytes), the lowest kept in a heap as the
/// selection keeps them. Figures and the machine's SHA/SM3 floor in docs/performance.md.
fn suite_tickets(c: &mut Criterion) {
    use shuangsuiji::encoding::sm::sm3;
    use std::collections::BinaryHeap;
    // The ticket's 32-byte tag block (spec §5.1), as `ticket()` hashes it.
    let tag: [u8; 32] = *b"shuangsuiji/v1/ticket\0\0\0\0\0\0\0\0\0\0\0";
    let seed = tagged_hash("bench", &[]);
    let n = 1_000_000u64;
    let ids: Vec<String> = (0..n).map(|i| format!("91410100{i:09}X")).collect();
    let keep = |hash: &dyn Fn(&str) -> Digest32| {
        let mut heap: BinaryHeap<Digest32> = BinaryHeap::with_capacity(1_001);
        for id in &ids {
            let t = hash(id);
            if heap.len() < 1_000 {
                heap.push(t);
            } else if heap.peek().is_some_and(|top| t < *top) {
                heap.pop();
                heap.push(t);
            }
        }
        heap.into_sorted_vec()
    };
    let mut g = c.benchmark_group("suite tickets, 1,000 of 1,000,000");
    g.throughput(Throughput::Elements(n));
    g.sample_size(10);
    g.bench_function("ed25519-sha256 (SHA-256)", |b| {
        b.iter(|| black_box(keep(&|id| ticket(&seed, id))))
    });
    // As the selection runs it (`lowest_tickets`): the 64-byte block `tag ‖ subseed` hashed
    // once into a state that each ticket clones, so a ticket costs one compression.
    g.bench_function("ed25519-sha256 (SHA-256), shared prefix state", |b| {
        b.iter(|| black_box(shuangsuiji::hazmat::lowest_tickets(&seed, &ids, 1_000)))
    });
    g.bench_function("sm2-sm3 (SM3), shared prefix state", |b| {
        b.iter(|| {
            black_box(shuangsuiji::hazmat::lowest_tickets_in(
                Suite::Sm2Sm3,
                &seed,
                &ids,
                1_000,
            ))
        })
    });
    g.bench_function("sm2-sm3 (SM3)", |b| {
        b.iter(|| {
            black_box(keep(&|id| {
                let len = u32::try_from(id.len()).unwrap_or(u32::MAX).to_be_bytes();
                Digest32(sm3(&[&tag, &seed.0, &len, id.as_bytes()]))
            }))
        })
    });
    g.finish();
}

/// The sample draw under each suite, side by side (docs/performance.md): the same
/// registers, plan and round; the v2 vector and the v2-sm2-sm3 one.
fn suite_sample_draw(c: &mut Criterion) {
    let mut g = c.benchmark_group("suite sample draw (10,000 targets)");
    g.sample_size(20);
    for (suite, rel) in [
        (Suite::Ed25519Sha256, "v2/draw-sample.json"),
        (Suite::Sm2Sm3, "v2-sm2-sm3/draw-sample.json"),
    ] {
        let (items, targets, inspectors, commitment, reveals, beacon) = sample_inputs_of(rel);
        let inputs = DrawInputs {
            commitment: &commitment,
            item_list: &items,
            targets: &targets,
            inspectors: &inspectors,
            reveals: &reveals,
            beacon: Some(&beacon),
            published: &[],
        };
        let name = suite.name();
        g.bench_function(format!("{name}: target register root"), |b| {
            b.iter(|| {
                black_box(merkle_root_in(
                    suite,
                    targets.targets().iter().map(|t| t.leaf_bytes()),
                ))
            })
        });
        g.bench_function(format!("{name}: draw (roots cached)"), |b| {
            b.iter(|| black_box(draw(inputs).ok()))
        });
        let key = suite
            .secret_key(&[1; 32])
            .ok()
            .unwrap_or_else(|| panic!("key"));
        let rec = draw(inputs).ok().unwrap_or_else(|| panic!("draw {name}"));
        g.bench_function(format!("{name}: seal + sign"), |b| {
            b.iter(|| {
                let mut s = SealedRecord::new(rec.clone()).ok();
                if let Some(s) = s.as_mut() {
                    s.sign("x", &key)
                }
                black_box(s)
            })
        });
        let msg = [7u8; 62];
        let sig = hex::encode(key.sign_message(&msg));
        let pk = key.public_key_hex();
        g.bench_function(format!("{name}: verify one signature"), |b| {
            b.iter(|| black_box(suite.verify(&pk, &msg, &sig).is_ok()))
        });
    }
    g.finish();
}

/// Checking reveals grows linearly with the participants (spec §4.2 caps them at 64): the
/// figures for 6 and 60 participants stand in docs/performance.md.
fn reveals(c: &mut Criterion) {
    let mut g = c.benchmark_group("check_reveals");
    for n in [6usize, 60] {
        let secrets: Vec<[u8; 32]> = (0..n).map(|i| [i as u8; 32]).collect();
        let participants: Vec<Participant> = (0..n)
            .map(|i| Participant {
                id: format!("p{i:03}"),
                role: format!("角色{i}"),
                commitment: commit_secret(&format!("p{i:03}"), &secrets[i]),
                public_key: None,
                distid: None,
            })
            .collect();
        // Reveals in reverse order: every lookup is a real search.
        let reveals: Vec<Reveal> = (0..n)
            .rev()
            .map(|i| Reveal {
                participant: format!("p{i:03}"),
                secret: hex::encode(secrets[i]),
                signature: None,
            })
            .collect();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| check_reveals(black_box(&participants), black_box(&reveals)))
        });
    }
    g.finish();
}

/// draw/v2's participant checks (a signature on the commitment and one on each reveal per
/// participant) grow linearly too: 6 and 60 participants, figures in docs/performance.md.
fn participant_signatures(c: &mut Criterion) {
    let mut g = c.benchmark_group("participant_signatures");
    let hash = Digest32([5; 32]);
    for n in [6usize, 60] {
        let keys: Vec<SigningKey> = (0..n)
            .map(|i| SigningKey::from_bytes(&[i as u8 + 1; 32]))
            .collect();
        let secrets: Vec<[u8; 32]> = (0..n).map(|i| [i as u8; 32]).collect();
        let ids: Vec<String> = (0..n).map(|i| format!("p{i:03}")).collect();
        let participants: Vec<Participant> = (0..n)
            .map(|i| Participant {
                id: ids[i].clone(),
                role: format!("角色{i}"),
                commitment: commit_secret(&ids[i], &secrets[i]),
                public_key: Some(public_key_hex(&keys[i])),
                distid: None,
            })
            .collect();
        // Signatures and reveals in reverse order: every lookup is a real search.
        let sigs: Vec<SignatureEntry> = (0..n)
            .rev()
            .map(|i| sign_commitment(&ids[i], &keys[i], &hash))
            .collect();
        let reveals: Vec<Reveal> = (0..n)
            .rev()
            .map(|i| signed_reveal(&ids[i], &keys[i], &hash, &secrets[i]))
            .collect();
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                check_commitment_signatures(
                    shuangsuiji::Suite::Ed25519Sha256,
                    black_box(&participants),
                    black_box(&sigs),
                    &hash,
                )
                .and_then(|()| {
                    check_reveal_signatures(
                        shuangsuiji::Suite::Ed25519Sha256,
                        &participants,
                        black_box(&reveals),
                        &secrets,
                        &hash,
                    )
                })
            })
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    sample_draw,
    tickets,
    suite_tickets,
    suite_sample_draw,
    reveals,
    participant_signatures
);
criterion_main!(benches);
