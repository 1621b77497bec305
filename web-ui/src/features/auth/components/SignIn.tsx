import { useState, type FormEvent } from 'react'
import { focusOnMount } from '@/lib/focus'
import { lastSignOutReason } from '@/lib/auth'
import { describeSignInError, useSignIn } from '../api/check-key'
import '@/components/form.css'
import '../sign-in.css'

/** Sign-in with a viewer or admin API key; the key stays in this browser tab only. */
export function SignIn() {
  const [key, setKey] = useState('')
  const signIn = useSignIn()
  const reason = lastSignOutReason()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (key.trim()) {
      signIn.mutate(key.trim())
    }
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Tokenmeter
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">Use a viewer or admin API key of your tenant. It is kept only for this browser tab.</p>
        {reason && !signIn.isError && (
          <p className="notice" role="status">
            {reason}
          </p>
        )}
        <label className="field">
          <span className="field-label">API key</span>
          <input
            className="input"
            type="password"
            name="apiKey"
            autoComplete="current-password"
            ref={focusOnMount}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-invalid={signIn.isError || undefined}
            aria-describedby={signIn.isError ? 'sign-in-error' : undefined}
          />
        </label>
        {signIn.isError && (
          <p id="sign-in-error" className="form-error" role="alert">
            {describeSignInError(signIn.error)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={!key.trim() || signIn.isPending}>
          {signIn.isPending ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
