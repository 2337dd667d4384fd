//! Statements (propositions) and their role hints.

use serde::{Deserialize, Serialize};

use super::evidence::Evidence;

/// What part a statement plays in the map. A hint for display and lint,
/// not a constraint: the graph decides what supports what.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The main conclusion the map argues for.
    Thesis,
    /// An intermediate conclusion or contested claim.
    #[default]
    Claim,
    /// A reason offered for something else.
    Premise,
    /// A statement of fact that is itself evidence.
    Evidence,
    /// An analyst's note, not part of the argument.
    Note,
}

impl Role {
    /// Every role, in menu order.
    pub const ALL: [Role; 5] = [
        Role::Thesis,
        Role::Claim,
        Role::Premise,
        Role::Evidence,
        Role::Note,
    ];

    /// The role's name as written in files and shown in the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Thesis => "thesis",
            Role::Claim => "claim",
            Role::Premise => "premise",
            Role::Evidence => "evidence",
            Role::Note => "note",
        }
    }

    /// Parses a role name as written in files.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

/// A proposition in the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Statement {
    /// The full statement, usually one sentence.
    pub text: String,
    /// An optional short title; empty when there is none.
    pub title: String,
    /// The role hint.
    pub role: Role,
    /// Free-form tags, in the order the user gave them, without duplicates.
    pub tags: Vec<String>,
    /// Free-form analyst notes; empty when there are none.
    pub notes: String,
    /// Evidence backing this statement, in display order.
    pub evidence: Vec<Evidence>,
}

impl Statement {
    /// A statement with `text` and the default role.
    pub fn new(text: impl Into<String>) -> Self {
        Statement {
            text: text.into(),
            ..Statement::default()
        }
    }

    /// This statement with `role`.
    pub fn with_role(mut self, role: Role) -> Self {
        self.role = role;
        self
    }

    /// This statement with `title`.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// The title if there is one, otherwise the text.
    pub fn label(&self) -> &str {
        if self.title.is_empty() {
            &self.text
        } else {
            &self.title
        }
    }
}
