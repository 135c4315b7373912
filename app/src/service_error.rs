//! The error type of server-side services, and its mapping to [`AppError`].
use crate::error::{AppError, FieldErrors, Problem};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    #[error("too many attempts")]
    TooManyAttempts { retry_after_secs: i64 },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ServiceError {
    pub fn invalid(field: &str, problem: Problem) -> Self {
        ServiceError::Invalid(FieldErrors::one(field, problem))
    }
}

impl From<FieldErrors> for ServiceError {
    fn from(errors: FieldErrors) -> Self {
        ServiceError::Invalid(errors)
    }
}

impl From<ServiceError> for AppError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Unauthenticated => AppError::Unauthenticated,
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Invalid(errors) => AppError::Invalid(errors),
            ServiceError::TooManyAttempts { retry_after_secs } => {
                AppError::TooManyAttempts { retry_after_secs }
            }
            internal @ (ServiceError::Database(_) | ServiceError::Internal(_)) => {
                let reference = crate::tokens::new_token().0[..8].to_uppercase();
                tracing::error!(reference = %reference, error = %internal, "internal error");
                AppError::Internal { reference }
            }
        }
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
