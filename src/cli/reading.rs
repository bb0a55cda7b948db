//! The flags `index` and `extract` share on how articles are read: JSON field names, the
//! encoding, and dates taken from paths. Turned into the library's [`FieldMap`].

use whosaid::input::{FieldMap, InputError};

#[derive(clap::Args, Debug)]
pub struct ReadArgs {
    /// Map an article attribute to a JSON field: ATTRIBUTE=FIELD (e.g. text=content_original).
    #[arg(long = "field", value_name = "ATTRIBUTE=FIELD")]
    fields: Vec<String>,
    /// Read every file in this encoding (windows-1252, latin1, koi8-r...) instead of detecting
    /// the encoding of files that are not UTF-8.
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// For articles whose metadata gives no date (plain text without front matter): take it from
    /// the file's path with this regular expression, whose named groups y, m, d capture the year,
    /// month and day (month and day may be left out: the first), or whose one group captures a
    /// whole date. E.g. '(?P<y>\d{4})/(?P<m>\d{2})/' for archives laid out as 2005/03/...,
    /// '-(\d{4}-\d{2}-\d{2})\.txt$' for names such as story-2005-03-21.txt.
    #[arg(long, value_name = "REGEX", allow_hyphen_values = true)]
    date_from_path: Option<String>,
}

impl ReadArgs {
    /// The library's reading options, or an error naming the flag that is wrong.
    pub fn field_map(&self) -> anyhow::Result<FieldMap> {
        let mut fields = FieldMap::default();
        for f in &self.fields {
            fields.set_spec(f).map_err(anyhow::Error::msg)?;
        }
        if let Some(e) = &self.encoding {
            fields.set_encoding(e).map_err(anyhow::Error::msg)?;
        }
        if let Some(re) = &self.date_from_path {
            fields.set_date_from_path(re)?;
        }
        Ok(fields)
    }
}

/// The line on stderr for a problem with an input: `whosaid: [warning: ]PATH[:LINE]: what`.
pub fn problem_line(e: &InputError) -> String {
    let warning = if e.is_warning() { "warning: " } else { "" };
    format!("whosaid: {warning}{e}")
}
