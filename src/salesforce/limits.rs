//! The org's API usage, from `Sforce-Limit-Info: api-usage=N/M`, and when to stop
//! spending it.

/// Requests used and allowed in the org's rolling 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiUsage {
    pub used: u64,
    pub limit: u64,
}

impl ApiUsage {
    /// Reads the header's `api-usage` part; other parts (`per-app-api-usage`,
    /// `api-bursts`) are ignored.
    pub fn parse(header: &str) -> Option<ApiUsage> {
        let value = header.split(';').map(str::trim).find_map(|part| part.strip_prefix("api-usage="))?;
        let (used, limit) = value.split_once('/')?;
        let usage = ApiUsage { used: used.trim().parse().ok()?, limit: limit.trim().parse().ok()? };
        (usage.limit > 0).then_some(usage)
    }

    /// Whether usage has reached `threshold_percent` of the limit.
    pub fn is_at_least(&self, threshold_percent: u64) -> bool {
        self.used.saturating_mul(100) >= self.limit.saturating_mul(threshold_percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_forms() {
        assert_eq!(ApiUsage::parse("api-usage=18/5000"), Some(ApiUsage { used: 18, limit: 5000 }));
        assert_eq!(
            ApiUsage::parse(
                "per-app-api-usage=17/250(appName=sample-connected-app); api-usage=10018/100000; api-bursts=1/750"
            ),
            Some(ApiUsage { used: 10018, limit: 100000 })
        );
        for bad in ["", "api-usage=", "api-usage=5", "api-usage=a/b", "api-usage=1/0", "per-app-api-usage=1/2"] {
            assert_eq!(ApiUsage::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_threshold_is_inclusive_and_overflow_safe() {
        let usage = |used, limit| ApiUsage { used, limit };
        assert!(usage(95, 100).is_at_least(95));
        assert!(!usage(94, 100).is_at_least(95));
        assert!(usage(100012, 100000).is_at_least(95));
        assert!(!usage(u64::MAX / 200, u64::MAX).is_at_least(95));
    }
}
