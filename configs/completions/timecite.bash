# bash completion for timecite (installed as
# /usr/share/bash-completion/completions/timecite).
# The subcommands and options are read from timecite's own --help, so this
# file never lists them: "Subcommands:" gives the names, each subcommand's
# --help its options. Files are completed where an option takes none.

_timecite_words() {
  # $1: the --help text. Prints the options (-x, --long) it lists.
  sed -n 's/^ *\(-[A-Za-z0-9]\)\{0,1\}[, ]*\(--[a-z0-9-]*\).*/\1 \2/p' <<<"$1" | tr ' ' '\n' | sed '/^$/d'
}

_timecite() {
  local cur prev sub="" i
  COMPREPLY=()
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  local top
  top=$("${COMP_WORDS[0]}" --help 2>/dev/null) || return
  local subs
  subs=$(sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' <<<"$top")
  for ((i = 1; i < COMP_CWORD; i++)); do
    if grep -qx -- "${COMP_WORDS[i]}" <<<"$subs"; then sub=${COMP_WORDS[i]}; break; fi
  done
  case $prev in
    --db|--config|-o|--output|--fix-output|--from|--cacert|--profile)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ -z $sub ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$(_timecite_words "$top")" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    fi
    return
  fi
  if [[ $cur == -* ]]; then
    local help
    help=$("${COMP_WORDS[0]}" "$sub" --help 2>/dev/null)
    COMPREPLY=($(compgen -W "$(_timecite_words "$help") $(_timecite_words "$top")" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -o bashdefault -F _timecite timecite
