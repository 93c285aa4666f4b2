/** vecgrad bench (placeholder until its issue lands). */
package org.vecgrad.bench;
