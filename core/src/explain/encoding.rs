//! Chinese messages and kinds of signature checks.

use super::Explain;
use crate::encoding::SignatureError;

impl Explain for SignatureError {
    fn kind(&self) -> &'static str {
        match self {
            SignatureError::KeyMismatch { .. } => "key_mismatch",
            SignatureError::BadKeyHex => "bad_key_hex",
            SignatureError::InvalidPoint { .. } => "invalid_point",
            SignatureError::BadSignatureHex => "bad_signature_hex",
            SignatureError::DoesNotVerify => "does_not_verify",
            SignatureError::NotListed { .. } => "not_listed",
            SignatureError::AlreadySigned { .. } => "already_signed",
            SignatureError::StaleHash => "stale_hash",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            SignatureError::KeyMismatch {
                signed_with,
                listed,
            } => format!("签名所用公钥为 {signed_with}，承诺列出的是 {listed}"),
            SignatureError::BadKeyHex => {
                "公钥的十六进制写法不对（Ed25519 为 64 位；SM2 为 04 开头的 130 位小写）".into()
            }
            SignatureError::InvalidPoint { reason } => {
                format!("公钥不是所用算法曲线上的有效点：{reason}")
            }
            SignatureError::BadSignatureHex => "签名不是 128 位小写十六进制数字".into(),
            SignatureError::DoesNotVerify => "签名核验不通过".into(),
            SignatureError::NotListed { signer } => format!("{signer} 不是所列的签字人"),
            SignatureError::AlreadySigned { signer } => format!("{signer} 已经签过名"),
            SignatureError::StaleHash => "文件所述哈希不是其内容的哈希，不予签名".into(),
        }
    }
}
