//! 一单两库: the item list (抽查事项清单, 一单) and the two registers (检查对象名录库 and
//! 执法检查人员名录库, 两库), validated as a whole and committed to by hash and Merkle root.
//!
//! 国发〔2019〕5号 三（二）: "建立本部门随机抽查事项清单，明确抽查依据、主体、内容、方式等";
//! 三（三）: "检查对象名录库和执法检查人员名录库（统称“两库”）".
//! Everything a draw may select from or send out is in one of these three, and nothing
//! enters them without passing every rule here; the rules of single fields live in
//! [`fields`].

pub mod fields;
pub(crate) mod inspector;
pub(crate) mod item;
mod leaf_json;
pub(crate) mod register;
pub(crate) mod roots;
pub(crate) mod target;
pub(crate) mod validate;

pub use fields::FieldError;
pub use inspector::{
    personal_digest, personal_salt, Inspector, InspectorRegister, InspectorStatus, PersonalInfo,
    PublicInspector, PublicInspectorRegister, Qualification, Sex,
};
pub use item::{
    Category, Frequency, FrequencyTier, Item, ItemList, LegalBasis, Level, Method, Period,
};
pub use roots::RegisterRoots;
pub use target::{
    CreditClass, IsoDate, RiskLevel, Target, TargetKind, TargetRegister, TargetStatus,
    UsccSuspects, UsccsSeen,
};
pub use validate::{Problem, ProblemKind, RegisterName, ValidationErrors};
