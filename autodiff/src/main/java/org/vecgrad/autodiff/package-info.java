/** vecgrad autodiff (placeholder until its issue lands). */
package org.vecgrad.autodiff;
