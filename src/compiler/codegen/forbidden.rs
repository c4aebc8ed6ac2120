//! `__debug__` is a constant (always true here, as in CPython without `-O`): binding it
//! anywhere is a compile-time error, CPython's `forbidden_name` in `Python/compile.c`.

use super::Compiler;
use crate::compiler::CompileError;
use ruff_python_ast as ast;
use ruff_text_size::TextRange;

impl<'a> Compiler<'a> {
    /// Refuse to bind (or delete) `name` if it is `__debug__`, reporting at `at`.
    pub(super) fn forbid_name(&self, name: &str, at: TextRange, delete: bool) -> Result<(), CompileError> {
        if name != "__debug__" {
            return Ok(());
        }
        let what = if delete { "cannot delete __debug__" } else { "cannot assign to __debug__" };
        Err(self.syntax_error(at, what))
    }

    /// A function or lambda whose parameter is `__debug__` (reported at the definition).
    pub(super) fn forbid_params(&self, params: Option<&ast::Parameters>, at: TextRange) -> Result<(), CompileError> {
        let Some(p) = params else { return Ok(()) };
        let named = p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()).map(|a| &a.parameter);
        for param in named.chain(p.vararg.as_deref()).chain(p.kwarg.as_deref()) {
            self.forbid_name(param.name.as_str(), at, false)?;
        }
        Ok(())
    }
}
