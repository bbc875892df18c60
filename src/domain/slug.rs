//! The web address part of a public conference page: `/c/{slug}`.

use super::Problem;
use crate::i18n::Msg;

pub const MAX_LEN: usize = 80;

/// Lower-case letters, digits and single hyphens, as typed by an organiser.
pub fn parse(input: &str) -> Result<String, Problem> {
    let value = input.trim();
    if value.chars().count() > MAX_LEN {
        return Err(Problem::with(Msg::ErrTooLong, MAX_LEN));
    }
    let valid = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--");
    if !valid {
        return Err(Problem::new(Msg::ErrSlug));
    }
    Ok(value.to_owned())
}

/// A slug made from a title: accents dropped, everything else but letters and digits
/// becomes a hyphen. Never empty.
pub fn from_title(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "werkconferentie".to_owned()
    } else {
        slug.to_owned()
    }
}

fn fold_accent(c: char) -> Vec<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ĳ' | 'Ĳ' => return vec!['i', 'j'],
        'ß' => return vec!['s', 's'],
        other => other,
    };
    vec![base]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_readable_slugs() {
        assert_eq!(
            from_title("Werkconferentie Kansrijke Start – regio Utrecht 2027"),
            "werkconferentie-kansrijke-start-regio-utrecht-2027"
        );
        assert_eq!(from_title("Café Ĳsselstein!"), "cafe-ijsselstein");
        assert_eq!(from_title("👶👶"), "werkconferentie");
    }

    #[test]
    fn typed_slugs_must_be_clean() {
        assert_eq!(parse("utrecht-2027"), Ok("utrecht-2027".to_owned()));
        for bad in ["", "Utrecht", "a b", "-a", "a-", "a--b", "a/b", "../x"] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
