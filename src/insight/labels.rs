//! Names for people when the org gives none: the card shows fields and objects under the
//! labels the org gave them (User Interface API object info), and where there is no
//! answer (the demo, a refusal, a failure) it makes a label from the API name rather than
//! show the name itself, or nothing.

/// A label from an API name: the namespace and the custom suffix dropped, underscores
/// made spaces, words split where a lower-case letter meets an upper-case one, and a
/// relationship path read as words (`Renewal_Date__c` is "Renewal Date",
/// `ns__Contract_Term__c` "Contract Term", `NumberOfEmployees` "Number Of Employees",
/// `Product__r.Name` "Product Name").
pub fn humanise(api_name: &str) -> String {
    let words: Vec<String> = api_name.split('.').flat_map(words_of).collect();
    if words.is_empty() {
        api_name.to_string()
    } else {
        words.join(" ")
    }
}

fn words_of(part: &str) -> Vec<String> {
    let mut name = part;
    let mut custom = false;
    for suffix in ["__c", "__r", "__mdt", "__x", "__e"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped;
            custom = true;
            break;
        }
    }
    // A namespace is what comes before a remaining double underscore.
    if let Some((_, local)) = name.split_once("__") {
        name = local;
    }
    let mut words = Vec::new();
    for chunk in name.split('_').filter(|chunk| !chunk.is_empty()) {
        let mut word = String::new();
        let mut previous: Option<char> = None;
        for ch in chunk.chars() {
            if previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) && ch.is_ascii_uppercase() {
                words.push(std::mem::take(&mut word));
            }
            word.push(ch);
            previous = Some(ch);
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    // A standard lookup's trailing `Id` (`AccountId`) reads as the record it names; a
    // custom field keeps its words (`Kustomer_Customer_Id__c`).
    if !custom && words.len() > 1 && words.last().is_some_and(|word| word == "Id") {
        words.pop();
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_read_as_words() {
        for (name, label) in [
            ("Renewal_Date__c", "Renewal Date"),
            ("ns__Contract_Term__c", "Contract Term"),
            ("NumberOfEmployees", "Number Of Employees"),
            ("Product__r.Name", "Product Name"),
            ("Subscription__c", "Subscription"),
            ("Kustomer_Customer_Id__c", "Kustomer Customer Id"),
            ("AccountId", "Account"),
            ("Id", "Id"),
            ("SLA2Date__c", "SLA2 Date"),
            ("Name", "Name"),
            ("__c", "__c"),
        ] {
            assert_eq!(humanise(name), label, "{name}");
        }
    }
}
