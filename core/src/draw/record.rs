//! The draw record: everything needed to re-run and check a draw, in one canonical form
//! (spec §6).

use crate::draw::beacon::BeaconRound;
use crate::draw::error::DrawError;
use crate::draw::matching::Team;
use crate::draw::protocol::{Commitment, Reveal, Signatory};
use crate::draw::published::PublishedResult;
use crate::draw::select::{Exclusion, StratumDraw, Ticketed};
use crate::encoding::canonical::{canonical_json, Digest32};
use crate::encoding::sign::{
    sign_hash, SignatureEntry, SignatureError, COMMITMENT_CONTEXT, RECORD_CONTEXT,
};
use crate::encoding::SuiteSigner;
use crate::registers::item::ItemList;
use serde::{Deserialize, Serialize};

/// A signed pre-draw commitment, as published before the reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedCommitment {
    /// The commitment.
    pub commitment: Commitment,
    /// Its hash.
    pub hash: Digest32,
    /// Signatures of the listed signers on the hash.
    pub signatures: Vec<SignatureEntry>,
    /// draw/v2: each participant's signature on the hash, under its own key (the entry's
    /// `signer` is the participant id). Absent in draw/v1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participant_signatures: Vec<SignatureEntry>,
}

impl SignedCommitment {
    /// Wraps a commitment with its hash and no signatures yet.
    ///
    /// # Errors
    /// Only if canonical encoding fails.
    pub fn new(commitment: Commitment) -> Result<Self, DrawError> {
        let hash = commitment.hash()?;
        Ok(SignedCommitment {
            commitment,
            hash,
            signatures: Vec::new(),
            participant_signatures: Vec::new(),
        })
    }

    /// Adds the signature of one of the commitment's signatories.
    pub fn sign(&mut self, signer: &str, key: &dyn SuiteSigner) {
        self.signatures
            .push(sign_hash(signer, key, COMMITMENT_CONTEXT, &self.hash));
    }

    /// The suite its hash and signatures are under.
    pub fn suite(&self) -> crate::encoding::Suite {
        self.commitment.suite
    }

    /// The stored hash is the commitment's own: a signature is filed for what is in hand,
    /// never for a hash copied from another document.
    fn same_hash(&self) -> Result<(), SignatureError> {
        match self.commitment.hash() {
            Ok(h) if h == self.hash => Ok(()),
            _ => Err(SignatureError::StaleHash),
        }
    }

    /// What a signer signs: `COMMITMENT_CONTEXT || hash`.
    pub fn signing_message(&self) -> Vec<u8> {
        crate::encoding::signing_message(COMMITMENT_CONTEXT, &self.hash)
    }

    /// What a participant signs: `PARTICIPANT_COMMITMENT_CONTEXT || hash`.
    pub fn participant_signing_message(&self) -> Vec<u8> {
        crate::encoding::signing_message(
            crate::draw::participants::PARTICIPANT_COMMITMENT_CONTEXT,
            &self.hash,
        )
    }

    /// Files a signature made elsewhere (another tool, a hardware module) by one of the
    /// commitment's signers over [`signing_message`](crate::encoding::signing_message)`(
    /// COMMITMENT_CONTEXT, hash)`: checked under the commitment's suite and the key it lists
    /// for the signer before it is kept; a second signature by the same signer is refused.
    ///
    /// # Errors
    /// Why the signature cannot be filed.
    pub fn add_signature(&mut self, entry: SignatureEntry) -> Result<(), SignatureError> {
        self.same_hash()?;
        add_checked(
            &mut self.signatures,
            &self.commitment.signers,
            self.commitment.suite,
            COMMITMENT_CONTEXT,
            &self.hash,
            entry,
        )
    }

    /// draw/v2: files a participant's signature made elsewhere over
    /// `signing_message(PARTICIPANT_COMMITMENT_CONTEXT, hash)`, checked as
    /// [`SignedCommitment::add_signature`] under the key the commitment lists for it.
    ///
    /// # Errors
    /// Why the signature cannot be filed.
    pub fn add_participant_signature(
        &mut self,
        entry: SignatureEntry,
    ) -> Result<(), SignatureError> {
        self.same_hash()?;
        let listed: Vec<Signatory> = self
            .commitment
            .participants
            .iter()
            .map(|p| Signatory {
                name: p.id.clone(),
                public_key: p.public_key.clone().unwrap_or_default(),
                distid: p.distid.clone(),
            })
            .collect();
        add_checked(
            &mut self.participant_signatures,
            &listed,
            self.commitment.suite,
            crate::draw::participants::PARTICIPANT_COMMITMENT_CONTEXT,
            &self.hash,
            entry,
        )
    }

    /// draw/v2: adds a participant's signature, with the key it listed in the commitment.
    pub fn sign_as_participant(&mut self, participant: &str, key: &dyn SuiteSigner) {
        self.participant_signatures
            .push(crate::draw::participants::sign_commitment(
                participant,
                key,
                &self.hash,
            ));
    }
}

/// The outcome of a draw and every input needed to re-run it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawRecord {
    /// The algorithm, the commitment's: `shuangsuiji/draw/v1`, `v2` or `v3`.
    pub algorithm: String,
    /// The signed pre-draw commitment.
    pub commitment: SignedCommitment,
    /// The item list the commitment's hash pins (it is public).
    pub item_list: ItemList,
    /// Participants' reveals, in participant order.
    pub reveals: Vec<Reveal>,
    /// The beacon round (absent in offline and published-numbers mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beacon: Option<BeaconRound>,
    /// Published-numbers mode: the announced numbers of each draw the commitment names
    /// (absent in the other modes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published_numbers: Vec<PublishedResult>,
    /// The seed.
    pub seed: Digest32,
    /// Per stratum: population, quota, selected and alternates with tickets.
    pub strata: Vec<StratumDraw>,
    /// The 100 % list, with ordering tickets.
    pub must_include: Vec<Ticketed>,
    /// Eligible targets left out, with reasons.
    pub exclusions: Vec<Exclusion>,
    /// draw/v3: the class proof (docs/spec/privacy.md §10.6), which lets a reader holding
    /// only the sealed view re-run `strata`. Absent in draw/v1 and v2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<crate::privacy::ClassProof>,
    /// draw/v3: the recusal set of every target a team goes to (100 % list and selected),
    /// by target id, opened against its sealed leaf (docs/spec/privacy.md §13). Absent in
    /// draw/v1 and v2, whose inspector view publishes the conflicts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recusals: Vec<crate::privacy::RecusalOpening>,
    /// Teams, in matching order.
    pub teams: Vec<Team>,
    /// Batches in inspection order (empty when the plan has none).
    pub batches: Vec<Vec<String>>,
}

impl DrawRecord {
    /// The canonical bytes (JCS).
    ///
    /// # Errors
    /// Only if canonical encoding fails.
    pub fn canonical_bytes(&self) -> Result<Vec<u8>, DrawError> {
        canonical_json(self).map_err(|e| DrawError::Encoding(e.to_string()))
    }

    /// `tagged_hash("shuangsuiji/v1/record", JCS(record))` under the commitment's suite.
    ///
    /// # Errors
    /// Only if canonical encoding fails.
    pub fn hash(&self) -> Result<Digest32, DrawError> {
        Ok(self
            .commitment
            .commitment
            .suite
            .tagged_hash("shuangsuiji/v1/record", &[&self.canonical_bytes()?]))
    }

    /// Every selected target id: the 100 % list, then each stratum's selection.
    pub fn selected_ids(&self) -> impl Iterator<Item = &str> {
        self.must_include
            .iter()
            .chain(self.strata.iter().flat_map(|s| s.selected.iter()))
            .map(|t| t.target.as_str())
    }
}

/// A record with the responsible people's signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedRecord {
    /// The record.
    pub record: DrawRecord,
    /// Its hash.
    pub hash: Digest32,
    /// Signatures on the hash.
    pub signatures: Vec<SignatureEntry>,
}

impl SealedRecord {
    /// Wraps a record with its hash and no signatures yet.
    ///
    /// # Errors
    /// Only if canonical encoding fails.
    pub fn new(record: DrawRecord) -> Result<Self, DrawError> {
        let hash = record.hash()?;
        Ok(SealedRecord {
            record,
            hash,
            signatures: Vec::new(),
        })
    }

    /// Adds the signature of one of the commitment's signatories.
    pub fn sign(&mut self, signer: &str, key: &dyn SuiteSigner) {
        self.signatures
            .push(sign_hash(signer, key, RECORD_CONTEXT, &self.hash));
    }

    /// The suite its hash and signatures are under (its commitment's).
    pub fn suite(&self) -> crate::encoding::Suite {
        self.record.commitment.commitment.suite
    }

    /// What a signer signs: `RECORD_CONTEXT || hash`.
    pub fn signing_message(&self) -> Vec<u8> {
        crate::encoding::signing_message(RECORD_CONTEXT, &self.hash)
    }

    /// Files a signer's signature made elsewhere over
    /// `signing_message(RECORD_CONTEXT, hash)`, checked as
    /// [`SignedCommitment::add_signature`].
    ///
    /// # Errors
    /// Why the signature cannot be filed.
    pub fn add_signature(&mut self, entry: SignatureEntry) -> Result<(), SignatureError> {
        if !matches!(self.record.hash(), Ok(h) if h == self.hash) {
            return Err(SignatureError::StaleHash);
        }
        let c = &self.record.commitment.commitment;
        add_checked(
            &mut self.signatures,
            &c.signers,
            c.suite,
            RECORD_CONTEXT,
            &self.hash,
            entry,
        )
    }
}

/// Keeps `entry` if its signer is listed, has not signed yet, and the signature verifies
/// under the listed key and the suite.
fn add_checked(
    kept: &mut Vec<SignatureEntry>,
    listed: &[Signatory],
    suite: crate::encoding::Suite,
    context: &[u8],
    hash: &Digest32,
    entry: SignatureEntry,
) -> Result<(), SignatureError> {
    let (key, distid) = listed
        .iter()
        .find(|s| s.name == entry.signer)
        .map(|s| (s.public_key.clone(), s.distid.clone()))
        .ok_or_else(|| SignatureError::NotListed {
            signer: entry.signer.clone(),
        })?;
    if kept.iter().any(|k| k.signer == entry.signer) {
        return Err(SignatureError::AlreadySigned {
            signer: entry.signer,
        });
    }
    crate::encoding::verify_entry(suite, &entry, &key, distid.as_deref(), context, hash)?;
    kept.push(entry);
    Ok(())
}
