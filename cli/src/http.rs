//! The one network read of the CLI: a drand round from an HTTP relay (a relay inside a
//! private network serves plain HTTP; HTTPS needs a TLS stack this build leaves out).
//! What is fetched is never trusted: the round is checked by BLS before it is kept.

/// GETs `url` and parses its body as JSON.
pub fn get_json(url: &str) -> Result<serde_json::Value, String> {
    if !url.starts_with("http://") {
        return Err(format!(
            "{url}: 仅支持 http:// 中继（内网中继）；https 请先下载为文件再用 --file · only http:// relays are fetched; for https, save the round to a file and use --file"
        ));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into();
    let body = agent
        .get(url)
        .call()
        .map_err(|e| format!("无法获取 cannot fetch {url}: {e}"))?
        .body_mut()
        .read_to_string()
        .map_err(|e| format!("无法读取 cannot read {url}: {e}"))?;
    serde_json::from_str(&body).map_err(|e| format!("{url}: 不是 JSON · not JSON: {e}"))
}
