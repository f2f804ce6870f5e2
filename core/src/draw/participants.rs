//! Participants who sign (draw/v2, docs/spec/draw-v2.md §3).
//!
//! In draw/v1 a participant is only a hash commitment: once its secret is published,
//! anyone can copy the entry into another commitment and replay the secret, so a lone
//! operator could stand in for 纪检监察 and grind only its own secret. In draw/v2 each
//! participant signs the commitment (bound to the plan id and every other input through
//! the commitment hash) and signs its reveal bound to that same hash, with its own key,
//! which the verifier's trust file gives a role. A copied entry then carries a signature
//! on another commitment and fails.

use crate::draw::error::DrawError;
use crate::draw::protocol::{Participant, Reveal};
use crate::encoding::canonical::{lp, Digest32};
use crate::encoding::sign::{sign_hash, verify_entry, SignatureEntry};
use crate::encoding::{Suite, SuiteSigner};

/// Context of a participant's signature on a commitment hash.
pub const PARTICIPANT_COMMITMENT_CONTEXT: &[u8] = b"shuangsuiji/v2/sign/participant-commitment";
/// Context of a participant's signature on its reveal binding.
pub const PARTICIPANT_REVEAL_CONTEXT: &[u8] = b"shuangsuiji/v2/sign/participant-reveal";

/// `tagged_hash("shuangsuiji/v2/reveal-binding", commitment_hash || lp(id) || secret)`: what a
/// participant signs when it reveals.
pub fn reveal_binding(
    commitment_hash: &Digest32,
    participant: &str,
    secret: &[u8; 32],
) -> Digest32 {
    reveal_binding_in(Suite::Ed25519Sha256, commitment_hash, participant, secret)
}

/// [`reveal_binding`] under a suite's hash.
pub fn reveal_binding_in(
    suite: Suite,
    commitment_hash: &Digest32,
    participant: &str,
    secret: &[u8; 32],
) -> Digest32 {
    suite.tagged_hash(
        "shuangsuiji/v2/reveal-binding",
        &[&commitment_hash.0, &lp(participant.as_bytes()), secret],
    )
}

/// The bytes a participant signs when it reveals `secret` for `commitment_hash` under the
/// suite, for a signature made by another tool (gmssl, sm-crypto, a hardware module): the
/// reveal is then `{participant, secret (hex), signature (hex)}`.
pub fn reveal_signing_message(
    suite: Suite,
    commitment_hash: &Digest32,
    participant: &str,
    secret: &[u8; 32],
) -> Vec<u8> {
    crate::encoding::signing_message(
        PARTICIPANT_REVEAL_CONTEXT,
        &reveal_binding_in(suite, commitment_hash, participant, secret),
    )
}

/// A participant's signature on the commitment (the `participant_signatures` entry).
pub fn sign_commitment(
    participant: &str,
    key: &dyn SuiteSigner,
    commitment_hash: &Digest32,
) -> SignatureEntry {
    sign_hash(
        participant,
        key,
        PARTICIPANT_COMMITMENT_CONTEXT,
        commitment_hash,
    )
}

/// A participant's signed reveal of `secret` for the commitment `commitment_hash`, bound
/// under the key's suite (one draw, one suite).
pub fn signed_reveal(
    participant: &str,
    key: &dyn SuiteSigner,
    commitment_hash: &Digest32,
    secret: &[u8; 32],
) -> Reveal {
    let binding = reveal_binding_in(key.suite(), commitment_hash, participant, secret);
    Reveal {
        participant: participant.into(),
        secret: hex::encode(secret),
        signature: Some(
            sign_hash(participant, key, PARTICIPANT_REVEAL_CONTEXT, &binding).signature,
        ),
    }
}

fn err(participant: &str, reason: String) -> DrawError {
    DrawError::Participant {
        participant: participant.to_string(),
        reason,
    }
}

/// draw/v2: every participant signed the commitment under its listed key, once, and no
/// one else did. Linear in the counts.
///
/// # Errors
/// [`DrawError::Participant`] naming the participant.
pub fn check_commitment_signatures(
    suite: Suite,
    participants: &[Participant],
    sigs: &[SignatureEntry],
    commitment_hash: &Digest32,
) -> Result<(), DrawError> {
    let mut by_id: std::collections::BTreeMap<&str, (&SignatureEntry, usize)> =
        std::collections::BTreeMap::new();
    for s in sigs {
        by_id
            .entry(s.signer.as_str())
            .and_modify(|(_, n)| *n += 1)
            .or_insert((s, 1));
    }
    let listed: std::collections::BTreeSet<&str> =
        participants.iter().map(|p| p.id.as_str()).collect();
    if let Some(s) = sigs.iter().find(|s| !listed.contains(s.signer.as_str())) {
        return Err(err(
            &s.signer,
            "signs the commitment but is not one of its participants".into(),
        ));
    }
    for p in participants {
        let key = p.public_key.as_deref().unwrap_or_default();
        match by_id.get(p.id.as_str()) {
            None => return Err(err(&p.id, "has not signed the commitment".into())),
            Some((_, n)) if *n > 1 => {
                return Err(err(&p.id, "signs the commitment more than once".into()))
            }
            Some((s, _)) => verify_entry(
                suite,
                s,
                key,
                p.distid.as_deref(),
                PARTICIPANT_COMMITMENT_CONTEXT,
                commitment_hash,
            )
            .map_err(|e| err(&p.id, format!("signature on the commitment: {e}")))?,
        }
    }
    Ok(())
}

/// draw/v2: each reveal carries its participant's signature on the secret bound to this
/// commitment. `secrets` are in participant order, as `check_reveals` returns them.
///
/// # Errors
/// [`DrawError::Participant`] naming the participant.
pub fn check_reveal_signatures(
    suite: Suite,
    participants: &[Participant],
    reveals: &[Reveal],
    secrets: &[[u8; 32]],
    commitment_hash: &Digest32,
) -> Result<(), DrawError> {
    let by_id: std::collections::BTreeMap<&str, &Reveal> = reveals
        .iter()
        .map(|r| (r.participant.as_str(), r))
        .collect();
    for (p, secret) in participants.iter().zip(secrets) {
        let sig = by_id
            .get(p.id.as_str())
            .and_then(|r| r.signature.clone())
            .ok_or_else(|| err(&p.id, "its reveal is not signed".into()))?;
        let entry = SignatureEntry {
            signer: p.id.clone(),
            public_key: p.public_key.clone().unwrap_or_default(),
            signature: sig,
        };
        verify_entry(
            suite,
            &entry,
            &entry.public_key,
            p.distid.as_deref(),
            PARTICIPANT_REVEAL_CONTEXT,
            &reveal_binding_in(suite, commitment_hash, &p.id, secret),
        )
        .map_err(|e| err(&p.id, format!("signature on the reveal: {e}")))?;
    }
    Ok(())
}

/// draw/v1 has no participant signatures at all: a v1 record keeps its bytes.
pub(crate) fn check_unsigned(sigs: &[SignatureEntry], reveals: &[Reveal]) -> Result<(), DrawError> {
    if let Some(s) = sigs.first() {
        return Err(err(
            &s.signer,
            "participant signatures are a draw/v2 member, in a draw/v1 commitment".into(),
        ));
    }
    if let Some(r) = reveals.iter().find(|r| r.signature.is_some()) {
        return Err(err(
            &r.participant,
            "a signed reveal is a draw/v2 member, in a draw/v1 record".into(),
        ));
    }
    Ok(())
}
