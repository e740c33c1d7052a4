use super::*;

const MINIMAL_CONVERSATION: &str =
    r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"demo"}}"#;

fn insight(extra: &str) -> String {
    format!(
        r#"{{"view":"insight","context":{{"customerEmails":["jane@example.com"]}},
            "transport":{{"kind":"demo","scenario":"normal"}},
            "salesforce":{{"subdomain":"acme.my"}}{extra}}}"#
    )
}

fn error_of(json: &str) -> ConfigError {
    match Config::from_json(json) {
        Ok(config) => panic!("expected an error, parsed {config:?}"),
        Err(error) => error,
    }
}

#[test]
fn minimal_config_takes_documented_defaults() {
    let config = Config::from_json(MINIMAL_CONVERSATION).unwrap();
    assert_eq!(config.view, View::Conversation);
    assert_eq!(config.transport, TransportConfig::Demo(DemoConfig { scenario: Scenario::Normal }));
    assert_eq!(config.locale, "en-US");
    assert_eq!(config.visibility, Visibility::default());
    assert!(config.visibility.leads && config.visibility.card);
    assert_eq!(config.theme, Theme::Salesforce);
    assert_eq!(config.color_scheme, ColorScheme::Auto);
    assert_eq!(config.case_sync.sync_attribute, "syncToSalesforceBool");
}

#[test]
fn full_config_from_the_design_parses() {
    let json = r#"{
      "view": "insight",
      "context": { "conversationId": "c1", "customerId": "k1", "customerEmails": ["a@b.co"] },
      "transport": { "kind": "proxy", "kustomer": "https://proxy.example/kustomer", "salesforce": "/salesforce" },
      "salesforce": { "subdomain": "acme", "apiVersion": "v61.0" },
      "kustomer": { "org": "acme", "conversationUrl": "https://{org}.kustomerapp.com/app/conversations/{id}" },
      "visibility": { "card": true, "accounts": false, "contacts": true, "opportunities": false, "leads": true },
      "fields": { "contact": ["Department"], "account": ["NumberOfEmployees"] },
      "caseSync": { "enabled": true, "syncAttribute": "syncToSalesforceBool",
                    "recordTypeId": "012000000000001", "customMapping": { "body": {}, "urlArgs": "{}" } },
      "locale": "fr-FR", "timeZone": "Europe/Paris", "theme": "kustomer", "colorScheme": "dark"
    }"#;
    let config = Config::from_json(json).unwrap();
    assert_eq!(
        config.transport,
        TransportConfig::Proxy(ProxyConfig {
            kustomer: "https://proxy.example/kustomer".into(),
            salesforce: "/salesforce".into(),
            timeout_ms: 20_000
        })
    );
    assert!(!config.visibility.accounts);
    assert_eq!(config.fields.contact, vec!["Department".to_string()]);
    assert_eq!(config.time_zone.as_deref(), Some("Europe/Paris"));
    assert_eq!(config.theme, Theme::Kustomer);
    assert_eq!(config.color_scheme, ColorScheme::Dark);
    let mapping = config.case_sync.custom_mapping.unwrap();
    assert_eq!(mapping.url_args, Some(serde_json::Value::String("{}".into())));
    assert_eq!(config.kustomer.conversation_link("c9"), "https://acme.kustomerapp.com/app/conversations/c9");
}

#[test]
fn unknown_top_level_key_is_named() {
    let error = error_of(
        r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"demo"},"colour":"red"}"#,
    );
    assert_eq!(error.key, "colour");
    assert!(error.message.contains("unknown key `colour`, expected one of `view`"), "{error}");
}

#[test]
fn unknown_nested_key_is_named_with_its_path() {
    let error = error_of(&insight(r#","visibility":{"contacts":true,"lead":false}"#));
    assert_eq!(error.key, "visibility.lead");
    assert!(error.message.contains("unknown key `lead`"), "{error}");
    assert!(error.to_string().contains("`visibility.lead`"));
}

#[test]
fn unknown_key_inside_a_transport_is_named() {
    let error = error_of(
        r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"demo","scenari":"slow"}}"#,
    );
    assert_eq!(error.key, "transport.scenari");
    assert!(error.message.contains("unknown key `scenari`"), "{error}");
}

#[test]
fn wrong_type_names_key_and_expectation() {
    let error = error_of(&insight(r#","visibility":{"accounts":"no"}"#));
    assert_eq!(error.key, "visibility.accounts");
    assert_eq!(error.message, "expected true or false, found a string");
    assert!(!error.message.contains("line"), "no JSON positions for a JS object: {error}");
}

#[test]
fn unknown_view_lists_the_views() {
    let error = error_of(r#"{"view":"timeline","transport":{"kind":"demo"}}"#);
    assert_eq!(error.key, "view");
    assert!(error.message.contains("`timeline`") && error.message.contains("`conversation`"), "{error}");
}

#[test]
fn unknown_transport_kind_lists_the_kinds() {
    let error =
        error_of(r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"carrier-pigeon"}}"#);
    assert_eq!(error.key, "transport.kind");
    assert!(error.message.contains("carrier-pigeon") && error.message.contains("`proxy`"), "{error}");
}

#[test]
fn unknown_scenario_is_refused() {
    let error = error_of(
        r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"demo","scenario":"chaos"}}"#,
    );
    assert!(error.message.contains("chaos") && error.message.contains("salesforce-limit"), "{error}");
}

#[test]
fn missing_required_key_is_named() {
    let error = error_of(r#"{"view":"conversation","context":{"conversationId":"c1"}}"#);
    assert_eq!(error.key, "transport");
    assert!(error.message.starts_with("missing"), "{error}");
}

#[test]
fn subdomain_accepts_name_and_name_my() {
    for subdomain in ["acme", "acme.my", "acme-corp-42.my", "ACME"] {
        let json = insight("").replace("acme.my", subdomain);
        assert!(Config::from_json(&json).is_ok(), "{subdomain} should be accepted");
    }
}

#[test]
fn subdomain_rejects_anything_else() {
    for subdomain in ["", "acme.salesforce.com", "acme.my.my", "ac me", "-acme", "acme_corp", "https://acme", ".my"] {
        let json = insight("").replace("acme.my", subdomain);
        let error = error_of(&json);
        assert_eq!(error.key, "salesforce.subdomain", "{subdomain}");
        assert!(error.message.contains("\"name\" or \"name.my\""), "{error}");
    }
}

#[test]
fn api_version_must_look_like_one() {
    let json = insight("").replace(r#""subdomain":"acme.my""#, r#""subdomain":"acme.my","apiVersion":"62""#);
    let error = error_of(&json);
    assert_eq!(error.key, "salesforce.apiVersion");
}

#[test]
fn insight_card_needs_the_subdomain() {
    let json = r#"{"view":"insight","context":{"customerEmails":["a@b.co"]},"transport":{"kind":"demo"}}"#;
    assert_eq!(error_of(json).key, "salesforce");
}

#[test]
fn leads_without_contacts_is_refused_with_the_documented_sentence() {
    let error = error_of(&insight(r#","visibility":{"contacts":false}"#));
    assert_eq!(error.key, "visibility.leads");
    assert_eq!(error.message, "Leads cannot be shown while Contacts are hidden");
    // Hiding both is a valid choice.
    assert!(Config::from_json(&insight(r#","visibility":{"contacts":false,"leads":false}"#)).is_ok());
}

#[test]
fn views_need_their_context() {
    let error = error_of(r#"{"view":"conversation","transport":{"kind":"demo"}}"#);
    assert_eq!(error.key, "context.conversationId");
    let error = error_of(r#"{"view":"insight","transport":{"kind":"demo"},"salesforce":{"subdomain":"acme"}}"#);
    assert_eq!(error.key, "context.customerEmails");
    let error = error_of(r#"{"view":"conversation","context":{"conversationId":"  "},"transport":{"kind":"demo"}}"#);
    assert!(error.message.contains("empty"), "{error}");
}

#[test]
fn proxy_urls_must_be_urls() {
    let json = r#"{"view":"conversation","context":{"conversationId":"c1"},
        "transport":{"kind":"proxy","kustomer":"javascript:alert(1)","salesforce":"/sf"}}"#;
    assert_eq!(error_of(json).key, "transport.kustomer");
}

#[test]
fn conversation_url_needs_an_id_placeholder() {
    let json = MINIMAL_CONVERSATION.replace(r#""view""#, r#""kustomer":{"conversationUrl":"https://x"},"view""#);
    assert_eq!(error_of(&json).key, "kustomer.conversationUrl");
}

#[test]
fn not_json_at_all_is_an_error_not_a_panic() {
    let error = error_of("{view: conversation");
    assert!(!error.message.is_empty());
}

#[test]
fn context_update_is_parsed_and_validated() {
    let context = Context::from_json(r#"{"conversationId":"c2"}"#, View::Conversation).unwrap();
    assert_eq!(context.conversation_id.as_deref(), Some("c2"));
    let error = Context::from_json(r#"{"conversationID":"c2"}"#, View::Conversation).unwrap_err();
    assert_eq!(error.key, "context.conversationID");
    assert!(error.message.contains("unknown key"));
    let error = Context::from_json(r#"{"customerEmails":"a@b.co"}"#, View::Insight).unwrap_err();
    assert_eq!(error.key, "context.customerEmails");
}

#[test]
fn the_customers_phones_come_with_the_context() {
    let context =
        Context::from_json(r#"{"customerId":"k1","customerPhones":["+1 555 0100","+44 20 7946 0000"]}"#, View::Insight)
            .unwrap();
    assert_eq!(context.customer_phones, ["+1 555 0100", "+44 20 7946 0000"]);
    let error = Context::from_json(r#"{"customerId":"k1","customerPhones":["+1 555 0100", 5550100]}"#, View::Insight)
        .unwrap_err();
    assert_eq!(error.key, "context.customerPhones.1");
}

#[test]
fn a_link_to_one_message_comes_with_the_context() {
    let context = Context::from_json(
        r#"{"conversationId":"c1","messageId":"m7","messageLink":"https://acme.lightning.force.com/lightning/r/Case/500A/view?c__kustomerMessage={messageId}"}"#,
        View::Conversation,
    )
    .unwrap();
    assert_eq!(context.message_id.as_deref(), Some("m7"));
    let preview = r#"{"conversationId":"c1","messageLink":"http://127.0.0.1:8080/?message={messageId}"}"#;
    assert!(Context::from_json(preview, View::Conversation).is_ok(), "a preview on this machine");
    assert!(context.message_link.unwrap().ends_with("={messageId}"));
    for (json, key) in [
        (r#"{"conversationId":"c1","messageId":" "}"#, "context.messageId"),
        (r#"{"conversationId":"c1","messageLink":"javascript:alert(1)//{messageId}"}"#, "context.messageLink"),
        (r#"{"conversationId":"c1","messageLink":"https://acme.example/case"}"#, "context.messageLink"),
        (r#"{"conversationId":"c1","messageLink":"http://acme.example/?m={messageId}"}"#, "context.messageLink"),
    ] {
        assert_eq!(Context::from_json(json, View::Conversation).unwrap_err().key, key, "{json}");
    }
}

#[test]
fn lightning_host_drops_the_my_suffix() {
    let config = Config::from_json(&insight("")).unwrap();
    assert_eq!(config.salesforce.unwrap().lightning_host(), "acme.lightning.force.com");
}

#[test]
fn keys_of_another_transport_kind_are_refused() {
    let error = error_of(
        r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"demo","kustomer":"/k"}}"#,
    );
    assert_eq!(error.key, "transport.kustomer");
    let error = error_of(
        r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"proxy","kustomer":"/k"}}"#,
    );
    assert_eq!(error.key, "transport.salesforce");
    assert!(error.message.starts_with("missing"), "{error}");
}

#[test]
fn list_items_and_numbers_are_checked_in_place() {
    let error = error_of(
        r#"{"view":"insight","context":{"customerEmails":["a@b.co", 7]},"transport":{"kind":"demo"},"salesforce":{"subdomain":"acme"}}"#,
    );
    assert_eq!(error.key, "context.customerEmails.1");
    assert_eq!(error.message, "expected a string, found a number");
    let error = error_of(
        r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"host","timeoutMs":0}}"#,
    );
    assert_eq!(error.key, "transport.timeoutMs");
    let error = error_of(
        r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"host"},"caseSync":{"customMapping":{"body":42}}}"#,
    );
    assert_eq!(error.key, "caseSync.customMapping.body");
}

#[test]
fn a_config_that_is_not_an_object_says_so() {
    let error = error_of("[1, 2]");
    assert_eq!(error.message, "expected an object, found a list");
}

#[test]
fn the_org_currency_is_a_code_or_an_error_naming_it() {
    let with = |currency: &str| {
        Config::from_json(&insight(&format!(r#","salesforce":{{"subdomain":"acme","currency":{currency}}}"#)))
    };
    assert_eq!(with("\"EUR\"").unwrap().salesforce.unwrap().currency.as_deref(), Some("EUR"));
    let error = with("\"euro\"").unwrap_err();
    assert_eq!(error.key, "salesforce.currency");
    assert!(error.message.contains("`euro` is not a currency code"), "{}", error.message);
    assert_eq!(with("7").unwrap_err().key, "salesforce.currency");
}

/// The "Open in Kustomer" link is built from config strings and the conversation id:
/// none of them may turn it into another site or a script.
#[test]
fn the_kustomer_link_cannot_be_turned_into_another_site_or_a_script() {
    let with_kustomer =
        |kustomer: &str| MINIMAL_CONVERSATION.replace(r#""view""#, &format!(r#""kustomer":{kustomer},"view""#));
    for org in ["evil.example/x#", "a b", "\"><script>", ""] {
        let error = error_of(&with_kustomer(&format!(r#"{{"org":{}}}"#, serde_json::to_string(org).unwrap())));
        assert_eq!(error.key, "kustomer.org", "{org:?}");
    }
    for url in ["javascript:alert(1)//{id}", "data:text/html,{id}", " https://x/{id}", "//evil.example/{id}"] {
        let error =
            error_of(&with_kustomer(&format!(r#"{{"conversationUrl":{}}}"#, serde_json::to_string(url).unwrap())));
        assert_eq!(error.key, "kustomer.conversationUrl", "{url:?}");
    }
    let config = Config::from_json(&with_kustomer(r#"{"org":"acme-2"}"#)).unwrap();
    assert_eq!(
        config.kustomer.conversation_link("../../x?y=1#z"),
        "https://acme-2.kustomerapp.com/app/conversations/..%2F..%2Fx%3Fy%3D1%23z"
    );
}

/// Each host's release module carries one view (`make build`); the tests carry both. A view
/// left out is refused by name, with the module that has it, before anything mounts.
#[test]
fn a_view_left_out_of_the_build_is_refused_naming_the_module_that_has_it() {
    assert!(View::Conversation.in_build() && View::Insight.in_build(), "the tests build both views");
    let error = View::Insight.not_in_build();
    assert_eq!(error.key, "view");
    assert_eq!(
        error.to_string(),
        "Configuration error in `view`: this module does not carry the Insight Card: it is in the Kustomer sidebar's module (dist/insight/)"
    );
    let error = View::Conversation.not_in_build();
    assert!(
        error.message.contains("the conversation view") && error.message.contains("dist/conversation/"),
        "{}",
        error.message
    );
}

#[test]
fn the_refresh_interval_is_two_minutes_off_at_zero_and_never_under_thirty_seconds() {
    let with = |extra: &str| {
        Config::from_json(&format!(
            r#"{{"view":"conversation","context":{{"conversationId":"c1"}},"transport":{{"kind":"demo"}}{extra}}}"#
        ))
    };
    assert_eq!(with("").unwrap().refresh_seconds, 120);
    assert_eq!(with(r#","refreshSeconds":0"#).unwrap().refresh_seconds, 0);
    assert_eq!(with(r#","refreshSeconds":300"#).unwrap().refresh_seconds, 300);
    let error = with(r#","refreshSeconds":10"#).unwrap_err();
    assert_eq!(error.key, "refreshSeconds");
    assert!(error.message.contains("at least 30 seconds"), "{}", error.message);
    assert_eq!(with(r#","refreshSeconds":"60""#).unwrap_err().key, "refreshSeconds");
}

#[test]
fn the_documentation_lists_every_key_the_reader_accepts() {
    let page = include_str!("../../docs/configuration.md");
    let documented: std::collections::BTreeSet<String> = page
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`').map(|(path, _)| path.to_string()))
        .collect();
    // Objects are documented as their own rows too.
    let mut accepted: std::collections::BTreeSet<String> = super::parse::key_paths().into_iter().collect();
    for object in ["caseSync.customMapping", "caseSync.valueMaps"] {
        accepted.insert(object.to_string());
    }
    let missing: Vec<&String> = accepted.difference(&documented).collect();
    let unknown: Vec<&String> = documented.difference(&accepted).collect();
    assert!(missing.is_empty(), "keys the reader accepts that docs/configuration.md leaves out: {missing:?}");
    assert!(unknown.is_empty(), "keys docs/configuration.md describes that the reader refuses: {unknown:?}");
}
