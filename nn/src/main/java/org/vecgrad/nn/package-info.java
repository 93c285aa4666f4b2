/** vecgrad nn (placeholder until its issue lands). */
package org.vecgrad.nn;
