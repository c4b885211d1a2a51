package io.batchscore.service.auth;

import java.util.Locale;

/**
 * What a token may do. Each role includes the ones before it: a {@link #READER} may only read, an
 * {@link #INVOKER} may also invoke, cancel and resume jobs, an {@link #ADMIN} may do everything
 * else (create, update, delete, set the default deployment, archive, revoke tokens).
 */
public enum Role {
  READER,
  INVOKER,
  ADMIN;

  /**
   * @param required the role an operation needs
   * @return whether a token of this role may perform it
   */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** @return the role's name as tokens and the command line spell it ({@code reader}, ...) */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param name {@code reader}, {@code invoker} or {@code admin}, in any case
   * @return the role
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static Role parse(String name) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + name + "': expected reader, invoker or admin");
  }
}
